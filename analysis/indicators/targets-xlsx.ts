import * as XLSX from 'xlsx';
import { parseTargetsCsv, parseTargetsRows, TARGET_COLUMNS, targetHeader, type Target } from './targets.js';

/** Rows searched for the header: government templates often start with a title and a blank row. */
const HEADER_SEARCH_ROWS = 10;

/** Whether a number format shows the value × 100 with '%' (not a literal "%" in quotes or escaped). */
function percentFormat(z: string): boolean {
  return z.replace(/"[^"]*"/g, '').replace(/\\./g, '').includes('%');
}

/**
 * Targets from the first sheet of an XLSX/XLS workbook with the CSV's columns, under a
 * header found in its first rows. Numbers are read as the cells' values, not their displayed
 * text ("94,323" shown with a thousands comma is 94323, not 94.323); a cell formatted as a
 * percentage counts as the percent shown (0.62 shown as 62% is 62, the CSV's convention for
 * a target in %). Errors name the sheet's row.
 */
export function parseTargetsWorkbook(bytes: Uint8Array): Target[] {
  const wb = XLSX.read(bytes, { type: 'array', cellNF: true });
  const name = wb.SheetNames[0];
  if (!name) return [];
  const sheet = wb.Sheets[name]!;
  for (const [addr, cell] of Object.entries(sheet)) {
    if (addr.startsWith('!')) continue;
    const c = cell as XLSX.CellObject;
    if (c.t === 'n' && typeof c.v === 'number' && typeof c.z === 'string' && percentFormat(c.z)) c.v = Number((c.v * 100).toPrecision(12));
  }
  const grid = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, blankrows: true, defval: '' });
  const first = XLSX.utils.decode_range(sheet['!ref'] ?? 'A1').s.r + 1;
  const header = (k: unknown) => targetHeader(String(k ?? ''));
  // The header: the first row naming the columns a targets file needs (else the first row).
  const found = grid.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => TARGET_COLUMNS.every((c) => row.map(header).includes(c)));
  const h = found >= 0 ? found : 0;
  const headers = (grid[h] ?? []).map(header);
  const body = grid.slice(h + 1);
  return parseTargetsRows(
    body.map((row) => Object.fromEntries(headers.map((k, i) => [k, row[i] ?? '']).filter(([k]) => k !== ''))),
    headers,
    body.map((_, i) => first + h + 1 + i),
  );
}

/** A targets file by its name: the first sheet of an .xlsx/.xls workbook, else CSV in UTF-8. Refuses a file without targets. */
export function parseTargetsFile(name: string, bytes: Uint8Array): Target[] {
  const targets = /\.xlsx?$/i.test(name) ? parseTargetsWorkbook(bytes) : parseTargetsCsv(new TextDecoder().decode(bytes));
  if (targets.length === 0) throw new Error(`Tệp không có mục tiêu nào · the file holds no targets: ${name}`);
  return targets;
}
