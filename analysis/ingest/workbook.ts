import * as XLSX from 'xlsx';
import type { TabularSource } from './source.js';

/**
 * Read every non-empty sheet of an .xlsx or .xls workbook. The header row is the first of
 * the first 15 rows that looks like a header to `isHeaderRow` (report forms carry titles
 * above it), else the first non-empty row.
 */
export function readWorkbook(
  bytes: Uint8Array,
  isHeaderRow: (cells: string[]) => boolean,
  maxRows = Infinity,
): TabularSource[] {
  const wb = XLSX.read(bytes, { type: 'array', cellDates: false, cellText: false, cellNF: false, dense: true });
  const out: TabularSource[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    const range = ws['!ref'] ? XLSX.utils.decode_range(ws['!ref']) : undefined;
    if (!range) continue;
    const all = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
    const blank = (r: unknown[] | undefined) => !r || r.every((c) => c === null || String(c).trim() === '');
    let h = all.findIndex((r, i) => i < 15 && !blank(r) && isHeaderRow(r.map((c) => String(c ?? '').trim())));
    if (h < 0) h = all.findIndex((r) => !blank(r));
    if (h < 0) continue;
    const headers = (all[h] ?? []).map((c) => String(c ?? '').trim());
    const firstRow = range.s.r + 1; // 1-based sheet row of all[0]
    const body = all.slice(h + 1);
    out.push({
      sheet: name,
      headers,
      headerRow: firstRow + h,
      preamble: all.slice(0, h),
      *chunks() {
        const CHUNK = 50000;
        let emitted = 0;
        for (let i = 0; i < body.length && emitted < maxRows; i += CHUNK) {
          const rows: unknown[][] = [];
          const rowNumbers: number[] = [];
          for (let j = i; j < Math.min(body.length, i + CHUNK) && emitted < maxRows; j++) {
            const r = body[j];
            if (blank(r)) continue;
            rows.push(r!);
            rowNumbers.push(firstRow + h + 1 + j);
            emitted++;
          }
          yield { rows, rowNumbers, broken: [], progress: Math.min(1, (i + CHUNK) / body.length) };
        }
      },
    });
  }
  return out;
}

/** Write rows (first row = headers) as an .xlsx workbook with one sheet. */
export function writeXlsx(sheetName: string, rows: unknown[][]): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), sheetName.slice(0, 31));
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}
