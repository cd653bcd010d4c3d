import type { CanonicalTable } from '../model/schema.js';
import type { CodeTable } from './codes.js';
import { FIELDS, headerLookup, type FieldDef } from './fields.js';
import { fold } from './fold.js';

/**
 * How the columns of one file map to a canonical table: file header → canonical field
 * (null = ignore the column), plus optional code tables per field (e.g. residence_status
 * {"1": "thuong_tru", "2": "tam_vang", "3": "tam_tru"}).
 */
export interface ColumnMapping {
  table: CanonicalTable;
  columns: Record<string, string | null>;
  codes?: CodeTable;
}

/** A saved mapping, applied automatically to later files with the same headers. */
export interface MappingPreset {
  name: string;
  /** headerSignature() of the headers it was made for. */
  signature: string;
  mapping: ColumnMapping;
  savedAt: string;
}

export interface ColumnGuess {
  header: string;
  field: string | null;
  /** 1 = exact header match; lower = a guess the user should confirm. */
  confidence: number;
}

/** Identifies "the same headers" regardless of order, case, spacing and diacritics. */
export function headerSignature(headers: string[]): string {
  return headers.map(fold).filter(Boolean).sort().join('|');
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < s.length - 1; i++) out.add(s.slice(i, i + 2));
  return out;
}
function similarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a.includes(b) || b.includes(a)) return Math.min(a.length, b.length) / Math.max(a.length, b.length) * 0.5 + 0.4;
  const A = bigrams(a);
  const B = bigrams(b);
  let common = 0;
  for (const x of A) if (B.has(x)) common++;
  return (2 * common) / (A.size + B.size || 1);
}

/**
 * Best guess of each header's field: exact (folded) matches first, then the most similar
 * unused field above 0.6. Each field is used at most once.
 */
export function guessMapping(table: CanonicalTable, headers: string[]): ColumnGuess[] {
  const lookup = headerLookup(table);
  const used = new Set<string>();
  const guesses: ColumnGuess[] = headers.map((header) => {
    const field = lookup.get(fold(header));
    if (field && !used.has(field.name)) {
      used.add(field.name);
      return { header, field: field.name, confidence: 1 };
    }
    return { header, field: null, confidence: 0 };
  });
  for (const g of guesses) {
    if (g.field || !fold(g.header)) continue;
    let best: { field: FieldDef; sim: number } | undefined;
    for (const field of FIELDS[table]) {
      if (used.has(field.name)) continue;
      for (const name of [field.name, ...field.headers]) {
        const sim = similarity(fold(g.header), fold(name));
        if (sim > (best?.sim ?? 0.6)) best = { field, sim };
      }
    }
    if (best) {
      used.add(best.field.name);
      g.field = best.field.name;
      g.confidence = Math.round(best.sim * 100) / 100;
    }
  }
  return guesses;
}

/** A mapping from guesses (only confident ones unless `all`). */
export function mappingFromGuesses(table: CanonicalTable, guesses: ColumnGuess[], all = false): ColumnMapping {
  const columns: Record<string, string | null> = {};
  for (const g of guesses) columns[g.header] = g.field && (all || g.confidence === 1) ? g.field : null;
  return { table, columns };
}

/** Required fields the mapping leaves without a column (ket_hon's birth date OR age counts). */
export function missingRequired(mapping: ColumnMapping): string[] {
  const mapped = new Set(Object.values(mapping.columns).filter((v): v is string => !!v));
  const missing = FIELDS[mapping.table].filter((f) => f.required && !mapped.has(f.name)).map((f) => f.name);
  return missing;
}

/** The preset saved for these headers, if any. */
export function findPreset(presets: readonly MappingPreset[], headers: string[]): MappingPreset | undefined {
  const sig = headerSignature(headers);
  // The most recent preset wins when the user saved several for the same headers.
  return [...presets].reverse().find((p) => p.signature === sig);
}
