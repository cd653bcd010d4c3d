import { sniffContainer, detectEncoding, type ContainerKind, type Encoding } from './decode.js';
import { readCsv, type Delimiter } from './csv.js';
import { readWorkbook } from './workbook.js';
import { allKnownHeaders } from './fields.js';
import { looksLikeHeader } from './detect.js';
import type { TabularSource } from './source.js';
import type { RuleCode } from '../model/quality-rules.js';

export type OpenedFile =
  | { ok: true; kind: ContainerKind; encoding: Encoding | null; delimiter: Delimiter | null; sources: TabularSource[] }
  | { ok: false; kind: ContainerKind; rule: RuleCode; detail: string };

let known: Set<string> | undefined;

/** Sniff, decode and split a file into its tables (one for CSV, one per sheet for workbooks). */
export function openFile(name: string, bytes: Uint8Array, maxRows = Infinity, chunkBytes?: number): OpenedFile {
  const kind = sniffContainer(bytes);
  if (kind === 'empty') return { ok: false, kind, rule: 'file_empty', detail: '0 rows' };
  if (kind === 'binary') return { ok: false, kind, rule: 'file_binary', detail: name };
  if (kind === 'xlsx' || kind === 'xls') {
    try {
      const sources = readWorkbook(bytes, looksLikeHeader, maxRows);
      if (sources.length === 0) return { ok: false, kind, rule: 'file_empty', detail: 'no sheet with data' };
      return { ok: true, kind, encoding: null, delimiter: null, sources };
    } catch (e) {
      return { ok: false, kind, rule: 'file_binary', detail: (e as Error).message };
    }
  }
  const encoding = detectEncoding(bytes, (known ??= allKnownHeaders()));
  const src = readCsv(bytes, { encoding, maxRows, isHeaderRow: looksLikeHeader, ...(chunkBytes ? { chunkBytes } : {}) });
  if (src.headers.every((h) => h === '')) return { ok: false, kind, rule: 'file_empty', detail: 'no header' };
  return { ok: true, kind, encoding, delimiter: src.delimiter, sources: [src] };
}
