import * as XLSX from 'xlsx';
import { parseTargetsRows, type Target } from './targets.js';

/** Targets from the first sheet of an XLSX/XLS workbook with the CSV's columns. */
export function parseTargetsWorkbook(bytes: Uint8Array): Target[] {
  const wb = XLSX.read(bytes, { type: 'array' });
  const name = wb.SheetNames[0];
  if (!name) return [];
  const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets[name]!, { defval: '', raw: false });
  // Headers as written, trimmed.
  return parseTargetsRows(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.trim(), v]))));
}
