import { CANONICAL_TABLES, type CanonicalTable } from '../model/schema.js';
import { FIELDS, headerLookup } from './fields.js';
import { fold } from './fold.js';
import { isWideHeader } from './wide.js';

export interface TableCandidate {
  table: CanonicalTable;
  /** Fields found among the headers. */
  matched: number;
  /** Required fields not found. */
  missingRequired: string[];
  score: number;
}

/**
 * Rank the canonical tables by how well the headers (and the sheet name) fit them.
 * A table fits completely when every required field has a header.
 */
export function rankTables(headers: string[], sheetName?: string | null): TableCandidate[] {
  const folded = new Set(headers.map(fold));
  const sheet = sheetName ? fold(sheetName) : '';
  const out: TableCandidate[] = [];
  for (const table of CANONICAL_TABLES) {
    const lookup = headerLookup(table);
    const found = new Set<string>();
    for (const h of folded) {
      const field = lookup.get(h);
      if (field) found.add(field.name);
    }
    const missingRequired = FIELDS[table].filter((f) => f.required && !found.has(f.name)).map((f) => f.name);
    const sheetBonus = sheet && (sheet === fold(table) || sheet.startsWith(fold(table))) ? 3 : 0;
    out.push({ table, matched: found.size, missingRequired, score: found.size - 5 * missingRequired.length + sheetBonus });
  }
  return out.sort((a, b) => b.score - a.score || a.missingRequired.length - b.missingRequired.length);
}

/** The table the headers hold, when one fits completely; else undefined. */
export function detectTable(headers: string[], sheetName?: string | null): CanonicalTable | undefined {
  const best = rankTables(headers, sheetName)[0];
  return best && best.missingRequired.length === 0 && best.matched >= 2 ? best.table : undefined;
}

/** Whether a row of cells looks like a header row of some table (≥ 2 known headers). */
export function looksLikeHeader(cells: string[]): boolean {
  const best = rankTables(cells)[0];
  return (!!best && best.matched >= 2) || isWideHeader(cells);
}
