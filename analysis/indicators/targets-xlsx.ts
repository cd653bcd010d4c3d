import * as XLSX from 'xlsx';
import { parseTargetsRows, type Target } from './targets.js';

/**
 * Targets from the first sheet of an XLSX/XLS workbook with the CSV's columns. Numbers are
 * read as the cells' values, not their displayed text ("94,323" shown with a thousands
 * comma is 94323, not 94.323); a cell formatted as a percentage counts as the percent shown
 * (0.62 shown as 62% is 62, the CSV's convention for a target in %).
 */
export function parseTargetsWorkbook(bytes: Uint8Array): Target[] {
  const wb = XLSX.read(bytes, { type: 'array', cellNF: true });
  const name = wb.SheetNames[0];
  if (!name) return [];
  const sheet = wb.Sheets[name]!;
  for (const [addr, cell] of Object.entries(sheet)) {
    if (addr.startsWith('!')) continue;
    const c = cell as XLSX.CellObject;
    if (c.t === 'n' && typeof c.v === 'number' && typeof c.z === 'string' && c.z.includes('%')) c.v = Number((c.v * 100).toPrecision(12));
  }
  const [header] = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true });
  const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet, { defval: '', raw: true });
  // Headers as written, trimmed.
  const trim = (k: unknown) => String(k ?? '').trim();
  return parseTargetsRows(
    rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [trim(k), v]))),
    (header ?? []).map(trim),
  );
}
