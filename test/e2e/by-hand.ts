import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

// What the tests expect, worked out without the app's code.

/** A fixture CSV's rows, read with papaparse (Vietnamese headers, BOM dropped). */
export function readCsv(path: string): Array<Record<string, string>> {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

/** A number in Vietnamese format, built independently of the app's formatter: 2,29 · 111,9. */
export function vi(x: number, decimals: number): string {
  return x.toFixed(decimals).replace('.', ',');
}
