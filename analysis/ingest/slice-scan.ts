import type { RawCsv } from './source.js';

/**
 * Byte scans of a CSV slice for the fast path (fast-csv.ts): whether DuckDB reads it exactly
 * as the JS reader does, whether it holds whitespace DuckDB's trim() leaves, and which of the
 * clean-row tests cannot fail on it (no field with a space at an end, no ".0"). Pure, so a
 * Node worker can run them during DuckDB's work (workspace/node-offload.ts).
 */

/**
 * Scan the records after the header: true when every record has `width` fields (quotes
 * honoured), there is no blank line before the end, quotes are balanced and no combining
 * diacritic (U+0300–U+036F, UTF-8 CC 80 – CD AF) occurs.
 */
export function regularCsv(raw: RawCsv, width: number): boolean {
  const { bytes, bodyStart } = raw;
  if (bytes.indexOf(0xcc, bodyStart) >= 0 || bytes.indexOf(0xcd, bodyStart) >= 0) return false;
  // Without quotes a record is a line: look for blank lines with native searches only;
  // DuckDB's strict reader refuses records of another width (the caller falls back then).
  if (bytes.indexOf(0x22, bodyStart) < 0) {
    const n = bytes.length;
    let pos = bodyStart;
    while (pos < n) {
      const nl = bytes.indexOf(0x0a, pos);
      const end = nl < 0 ? n : nl;
      const len = end - pos - (end > pos && bytes[end - 1] === 0x0d ? 1 : 0);
      if (len === 0) {
        // Blank lines are allowed only at the very end.
        for (let i = end; i < n; i++) if (bytes[i] !== 0x0a && bytes[i] !== 0x0d) return false;
        return true;
      }
      pos = end + 1;
    }
    return true;
  }
  return scanQuoted(raw, width);
}

function scanQuoted(raw: RawCsv, width: number): boolean {
  const { bytes, bodyStart } = raw;
  const delim = raw.delimiter.charCodeAt(0);
  const n = bytes.length;
  let inQuote = false;
  let fields = 1;
  let lineBytes = 0;
  let blankSeen = false;
  for (let i = bodyStart; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0x22) {
      inQuote = !inQuote;
      lineBytes++;
    } else if (inQuote) {
      lineBytes++;
    } else if (b === delim) {
      fields++;
      lineBytes++;
    } else if (b === 0x0a) {
      if (lineBytes === 0) blankSeen = true;
      else if (blankSeen || fields !== width) return false;
      fields = 1;
      lineBytes = 0;
    } else if (b !== 0x0d) {
      lineBytes++;
    }
  }
  if (inQuote) return false;
  if (lineBytes > 0 && (blankSeen || fields !== width)) return false;
  return true;
}


/**
 * Whether `bytes` (UTF-8 CSV records) hold whitespace that DuckDB's trim() leaves and JS's
 * trim() removes: vertical tab, form feed, tab (unless it is the delimiter), the multibyte
 * spaces — their lead bytes C2 (NBSP), E2 (U+2000…), E3 (U+3000), EF (BOM), and U+1680
 * (E1 9A 80), the one among the Vietnamese letters' lead byte E1 — and a tab or line break
 * inside a quoted field. When there is none the fast path's plain-text test is `x = trim(x)`
 * (or nothing, hasPaddedField), else an exact (slower) one.
 */
export function hasExoticSpace(bytes: Uint8Array, tabDelimited: boolean): boolean {
  if ([0x0b, 0x0c, 0xc2, 0xe2, 0xe3, 0xef, ...(tabDelimited ? [] : [0x09])].some((c) => bytes.indexOf(c) >= 0)) return true;
  for (let i = bytes.indexOf(0x9a); i >= 0; i = bytes.indexOf(0x9a, i + 1)) if (bytes[i - 1] === 0xe1 && bytes[i + 1] === 0x80) return true;
  // Between an opening quote and the next quote (a doubled quote closes and reopens at once).
  for (let open = bytes.indexOf(0x22); open >= 0; ) {
    const close = bytes.indexOf(0x22, open + 1);
    const inside = bytes.subarray(open + 1, close < 0 ? bytes.length : close);
    if (inside.indexOf(0x0a) >= 0 || inside.indexOf(0x0d) >= 0 || inside.indexOf(0x09) >= 0) return true;
    if (close < 0) break;
    open = bytes.indexOf(0x22, close + 1);
  }
  return false;
}

/**
 * Whether some field may begin or end with a space: one next to a delimiter, a quote, a line
 * break or either end of `bytes`. Conservative (a quoted field's inner quote counts). When
 * there is none and no exotic whitespace (hasExoticSpace: tabs, line breaks in quotes …),
 * every field equals its trimmed text.
 */
export function hasPaddedField(bytes: Uint8Array, delimiter: RawCsv['delimiter']): boolean {
  const d = delimiter.charCodeAt(0);
  const edge = (i: number) => i < 0 || i >= bytes.length || bytes[i] === d || bytes[i] === 0x22 || bytes[i] === 0x0a || bytes[i] === 0x0d;
  for (let i = bytes.indexOf(0x20); i >= 0; i = bytes.indexOf(0x20, i + 1)) if (edge(i - 1) || edge(i + 1)) return true;
  return false;
}

/** Whether some field may end in ".0", ".00" … (an id Excel turned into a number): ".0" occurs. */
export function hasDotZero(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(0x2e); i >= 0; i = bytes.indexOf(0x2e, i + 1)) if (bytes[i + 1] === 0x30) return true;
  return false;
}

export interface SliceFacts {
  /** Records DuckDB reads as the JS reader does (regularCsv). */
  regular: boolean;
  /** Spaces DuckDB's trim() leaves (hasExoticSpace). */
  exotic: boolean;
  /** A field may begin or end with a space (hasPaddedField). */
  padded: boolean;
  /** ".0" occurs (hasDotZero). */
  dotZero: boolean;
}

/**
 * The facts of one slice of records (sliceBounds: it starts at a record and ends after a
 * newline). Blank lines are allowed only at the end of the file, so only in the last slice.
 */
export function scanSlice(bytes: Uint8Array, delimiter: RawCsv['delimiter'], width: number, last: boolean): SliceFacts {
  const n = bytes.length;
  const endsBlank = n >= 2 && bytes[n - 1] === 0x0a && (bytes[n - 2] === 0x0a || (bytes[n - 2] === 0x0d && (n === 2 || bytes[n - 3] === 0x0a)));
  const regular = (last || !endsBlank) && regularCsv({ bytes, bodyStart: 0, delimiter }, width);
  return { regular, exotic: hasExoticSpace(bytes, delimiter === '\t'), padded: hasPaddedField(bytes, delimiter), dotZero: hasDotZero(bytes) };
}

/** scanSlice off this thread (a Node worker: workspace/node-offload.ts); the bytes are the callee's. */
export type SliceScan = (bytes: Uint8Array, delimiter: RawCsv['delimiter'], width: number, last: boolean) => Promise<SliceFacts>;
