import Papa from 'papaparse';
import { decodeAs, type Encoding } from './decode.js';
import type { RowChunk, TabularSource } from './source.js';

export type Delimiter = ',' | ';' | '\t';

/** The delimiter that splits the header line into the most fields (outside quotes). */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuote = false;
  for (const ch of headerLine) {
    if (ch === '"') inQuote = !inQuote;
    else if (!inQuote && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  let best: Delimiter = ',';
  for (const d of [';', '\t'] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

/**
 * Byte offsets that cut the file into chunks of about `size` bytes, each ending just after
 * a newline that is outside quotes (quote parity even), so records are never split.
 */
function* chunkBounds(bytes: Uint8Array, start: number, size: number): Generator<[number, number]> {
  let pos = start;
  while (pos < bytes.length) {
    let end = Math.min(bytes.length, pos + size);
    if (end < bytes.length) {
      let quotes = 0;
      for (let i = pos; i < end; i++) if (bytes[i] === 0x22) quotes++;
      while (end < bytes.length) {
        const b = bytes[end]!;
        end++;
        if (b === 0x22) quotes++;
        else if (b === 0x0a && quotes % 2 === 0) break;
      }
    }
    yield [pos, end];
    pos = end;
  }
}

/** Offset just past the first line (the header), honouring quotes. */
function headerEnd(bytes: Uint8Array, start: number): number {
  let quotes = 0;
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x22) quotes++;
    else if (b === 0x0a && quotes % 2 === 0) return i + 1;
  }
  return bytes.length;
}

export interface CsvOptions {
  encoding: Encoding;
  chunkBytes?: number;
  /** Stop after this many data rows (previews). */
  maxRows?: number;
  /**
   * Report forms carry title lines above the header: when the first line is not a header
   * and one of the next 14 is, that one is the header and the lines above are the preamble.
   */
  isHeaderRow?: (cells: string[]) => boolean;
}

/** Split one line (header or title) into trimmed cells with the delimiter that fits it best. */
function lineCells(line: string): { cells: string[]; delimiter: Delimiter } {
  const clean = line.replace(/^\uFEFF/, '').replace(/\r?\n$/, '').replace(/\r$/, '');
  const delimiter = detectDelimiter(clean);
  return { cells: (Papa.parse<string[]>(clean, { delimiter }).data[0] ?? []).map((h) => String(h).trim()), delimiter };
}

/** Read a delimited text file (comma, semicolon or tab; quoted fields) with papaparse. */
export function readCsv(bytes: Uint8Array, opts: CsvOptions): TabularSource & { delimiter: Delimiter } {
  // UTF-16 cannot be cut on single newline bytes; such files are small: decode them whole.
  const text16 = opts.encoding === 'utf-16le' ? decodeAs(bytes, 'utf-16le') : undefined;
  // The first lines as [text, end offset] (string offsets for UTF-16, byte offsets otherwise).
  const lines: Array<[string, number]> = [];
  let pos = 0;
  const limit = text16 !== undefined ? text16.length : bytes.length;
  for (let k = 0; k < 15 && pos < limit; k++) {
    if (text16 !== undefined) {
      const nl = text16.indexOf('\n', pos);
      const end = nl < 0 ? text16.length : nl + 1;
      lines.push([text16.slice(pos, end), end]);
      pos = end;
    } else {
      const end = headerEnd(bytes, pos);
      lines.push([decodeAs(bytes.subarray(pos, end), k === 0 ? opts.encoding : opts.encoding === 'utf-8-bom' ? 'utf-8' : opts.encoding), end]);
      pos = end;
    }
    if (!opts.isHeaderRow) break;
  }
  let h = 0;
  if (opts.isHeaderRow && lines.length > 1 && !opts.isHeaderRow(lineCells(lines[0]![0]).cells)) {
    const found = lines.findIndex(([t], k) => k > 0 && opts.isHeaderRow!(lineCells(t).cells));
    if (found > 0) h = found;
  }
  const bodyStart = lines[h]?.[1] ?? 0;
  const { cells: headers, delimiter } = lineCells(lines[h]?.[0] ?? '');
  const preamble: unknown[][] = lines.slice(0, h).map(([t]) => lineCells(t).cells);
  const headerRow = h + 1;
  const total = text16 !== undefined ? text16.length : bytes.length;
  const chunkBytes = opts.chunkBytes ?? 8 * 1024 * 1024;

  function parseText(text: string, firstRow: number, progress: number, limit: number): RowChunk {
    const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
    const rows: unknown[][] = [];
    const rowNumbers: number[] = [];
    const broken: RowChunk['broken'] = [];
    const bad = new Map<number, string>();
    for (const e of parsed.errors) if (e.row !== undefined) bad.set(e.row, e.code);
    let n = firstRow;
    for (let i = 0; i < parsed.data.length && rows.length < limit; i++) {
      const r = parsed.data[i]!;
      // A trailing newline yields one empty record: not a row.
      if (r.length === 1 && r[0] === '') {
        if (i < parsed.data.length - 1) n++;
        continue;
      }
      const err = bad.get(i);
      if (err) broken.push({ row: n, reason: err });
      else {
        rows.push(r);
        rowNumbers.push(n);
      }
      n++;
    }
    return { rows, rowNumbers, broken, progress };
  }

  return {
    sheet: null,
    headers,
    headerRow,
    preamble,
    delimiter,
    ...(text16 === undefined && h === 0 && (opts.maxRows ?? Infinity) === Infinity && (opts.encoding === 'utf-8' || opts.encoding === 'utf-8-bom')
      ? { raw: { bytes, delimiter, bodyStart } }
      : {}),
    *chunks() {
      let nextRow = headerRow + 1;
      let left = opts.maxRows ?? Infinity;
      if (text16 !== undefined) {
        const c = parseText(text16.slice(bodyStart), nextRow, 1, left);
        yield c;
        return;
      }
      for (const [a, b] of chunkBounds(bytes, bodyStart, chunkBytes)) {
        const text = decodeAs(bytes.subarray(a, b), opts.encoding === 'utf-8-bom' ? 'utf-8' : opts.encoding);
        const c = parseText(text, nextRow, b / total, left);
        // Row numbers continue across chunks: count the records this chunk held.
        nextRow = (c.rowNumbers.at(-1) ?? nextRow - 1) + 1;
        const lastBroken = c.broken.at(-1)?.row ?? 0;
        if (lastBroken >= nextRow) nextRow = lastBroken + 1;
        left -= c.rows.length;
        yield c;
        if (left <= 0) return;
      }
    },
  };
}
