import type { RuleCode } from '../model/quality-rules.js';

/**
 * A table read from a file or a sheet, delivered in chunks of rows so that a 700 MB
 * register export never has to sit in memory as one string.
 */
export interface RowChunk {
  /** Cells of each row, in the file's column order (strings from CSV; strings, numbers or dates from Excel). */
  rows: unknown[][];
  /** 1-based row number in the file or sheet (the header row counts). */
  rowNumbers: number[];
  /** Rows the reader could not split into fields, with the reason (e.g. an unclosed quote). */
  broken: Array<{ row: number; reason: string }>;
  /** Values a layout adapter (the MIS wide form) refused before conversion: each is read and reported. */
  refused?: Array<{ row: number; column: string | null; value: string | null; rule: RuleCode; commune: string | null }>;
  /** Fraction of the input consumed after this chunk, 0..1. */
  progress: number;
}

export interface TabularSource {
  /** Sheet name for workbooks; null for CSV. */
  sheet: string | null;
  headers: string[];
  /** 1-based row number of the header row. */
  headerRow: number;
  /** The cells above the header (titles of report forms), for periods in titles. */
  preamble: unknown[][];
  chunks(): Iterable<RowChunk>;
  /** Set for UTF-8 CSV files with the header on the first line: DuckDB may read them directly. */
  raw?: RawCsv;
}

/** The raw bytes of a UTF-8 CSV source, for the fast path (fast-csv.ts). */
export interface RawCsv {
  bytes: Uint8Array;
  delimiter: ',' | ';' | '\t';
  /** Byte offset of the first data record (the header is the first line). */
  bodyStart: number;
}
