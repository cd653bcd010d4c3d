import type { CanonicalTable } from '../model/schema.js';
import type { ContainerKind, Encoding } from './decode.js';
import type { Delimiter } from './csv.js';
import { rankTables, type TableCandidate } from './detect.js';
import { FIELDS, type FieldDef } from './fields.js';
import { findPreset, guessMapping, mappingFromGuesses, missingRequired, type ColumnGuess, type ColumnMapping, type MappingPreset } from './mapping.js';
import { openFile } from './open-file.js';
import { problem, type Problem } from './problem.js';
import { isWideHeader, itemCodes, wideMapping } from './wide.js';

export interface SheetPreview {
  sheet: string | null;
  headerRow: number;
  headers: string[];
  /** The detected table, or null when the user must choose one. */
  table: CanonicalTable | null;
  /** All tables ranked by fit, best first (for a "which table is this?" choice). */
  candidates: TableCandidate[];
  /** Per header: the best-guess canonical field and confidence (1 = exact). */
  guesses: ColumnGuess[];
  /** The mapping that importFiles would use now (preset or exact matches), or null. */
  mapping: ColumnMapping | null;
  /** Name of the saved preset applied, if any. */
  preset: string | null;
  /** Required fields the mapping leaves unmapped: the UI must ask for them. */
  missingRequired: string[];
  /** The first rows as read (strings/numbers). */
  sample: unknown[][];
}

export interface FilePreview {
  name: string;
  kind: ContainerKind;
  encoding: Encoding | null;
  delimiter: Delimiter | null;
  sheets: SheetPreview[];
  /** Set when the file cannot be read at all. */
  fatal: Problem | null;
}

/** Look at a file without importing it: what it holds and how it would be mapped. */
export function previewFile(name: string, bytes: Uint8Array, presets: readonly MappingPreset[] = [], sampleRows = 20): FilePreview {
  const opened = openFile(name, bytes, sampleRows);
  if (!opened.ok)
    return {
      name, kind: opened.kind, encoding: null, delimiter: null, sheets: [],
      fatal: problem(opened.rule, { file: name, sheet: null, table: null }, null, null, opened.detail),
    };
  const sheets = opened.sources.map((src): SheetPreview => {
    const sample: unknown[][] = [];
    for (const c of src.chunks()) {
      sample.push(...c.rows);
      if (sample.length >= sampleRows) break;
    }
    const candidates = rankTables(src.headers, src.sheet);
    const preset = findPreset(presets, src.headers);
    const best = candidates[0]!;
    const fits = best.missingRequired.length === 0 && best.matched >= 2;
    if (!preset && !fits && isWideHeader(src.headers)) {
      // A wide MIS report form: items in rows, communes in columns; read as the long layout.
      const mapping = wideMapping(itemCodes(presets));
      return {
        sheet: src.sheet, headerRow: src.headerRow, headers: src.headers, table: 'mis', candidates, guesses: [], mapping,
        preset: null, missingRequired: [], sample: sample.slice(0, sampleRows),
      };
    }
    const table = preset?.mapping.table ?? (fits ? best.table : null);
    const guesses = guessMapping(table ?? best.table, src.headers);
    const mapping = preset?.mapping ?? (table ? mappingFromGuesses(table, guesses) : null);
    return {
      sheet: src.sheet, headerRow: src.headerRow, headers: src.headers, table, candidates, guesses, mapping,
      preset: preset?.name ?? null, missingRequired: mapping ? missingRequired(mapping) : best.missingRequired,
      sample: sample.slice(0, sampleRows),
    };
  });
  return { name, kind: opened.kind, encoding: opened.encoding, delimiter: opened.delimiter, sheets, fatal: null };
}

/** The canonical fields of a table, for the mapping UI's right-hand column. */
export function canonicalFields(table: CanonicalTable): FieldDef[] {
  return FIELDS[table];
}
