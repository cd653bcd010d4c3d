import { TCVN3_CHARS } from './tcvn3-table.js';
import { fold } from './fold.js';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'windows-1258' | 'tcvn3';

/** What kind of bytes a file holds, judged from its first bytes. */
export type ContainerKind = 'xlsx' | 'xls' | 'text' | 'binary' | 'empty';

export function sniffContainer(bytes: Uint8Array): ContainerKind {
  if (bytes.length === 0) return 'empty';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'text';
  // Text in any of our encodings never holds NUL or most C0 controls; binaries do.
  // TCVN3 uses bytes 0x01–0x17 for capital letters, so only NUL and a few others count.
  const n = Math.min(bytes.length, 8192);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0 || b === 0x1b || (b >= 0x1c && b <= 0x1f)) odd++;
  }
  if (odd > 0) return 'binary';
  if (bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0xef || b === 0xbb || b === 0xbf))
    return 'empty';
  return 'text';
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decode bytes in the given encoding to NFC text (without BOM). */
export function decodeAs(bytes: Uint8Array, encoding: Encoding): string {
  switch (encoding) {
    case 'utf-8':
      return new TextDecoder('utf-8').decode(bytes).normalize('NFC');
    case 'utf-8-bom':
      return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes).normalize('NFC');
    case 'utf-16le':
      return new TextDecoder('utf-16le').decode(bytes).normalize('NFC');
    case 'windows-1258':
      // 1258 writes tone marks as combining characters: NFC composes them.
      return new TextDecoder('windows-1258').decode(bytes).normalize('NFC');
    case 'tcvn3':
      return decodeTcvn3(bytes).normalize('NFC');
  }
}

function decodeTcvn3(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    let s = '';
    const end = Math.min(bytes.length, i + CHUNK);
    for (let j = i; j < end; j++) s += TCVN3_CHARS[bytes[j]!];
    parts.push(s);
  }
  return parts.join('');
}

const VIET_MARKS = new Set([0x300, 0x301, 0x303, 0x309, 0x323, 0x302, 0x306, 0x31b]);
const TONE_MARKS = new Set([0x300, 0x301, 0x303, 0x309, 0x323]);

/** +1 for a Vietnamese letter, −3 for any other non-ASCII character, −3 per syllable with two tones. */
function vietnameseScore(text: string): number {
  let score = 0;
  for (const word of text.split(/[^\p{L}\p{M}]+/u)) {
    let tones = 0;
    for (const ch of word) {
      if (ch.charCodeAt(0) < 0x80) continue;
      if (ch === 'đ' || ch === 'Đ') {
        score++;
        continue;
      }
      const d = ch.normalize('NFD');
      const base = d.charCodeAt(0);
      const isLatin = (base >= 0x41 && base <= 0x5a) || (base >= 0x61 && base <= 0x7a);
      let ok = isLatin && d.length > 1;
      for (let k = 1; k < d.length; k++) {
        const m = d.charCodeAt(k);
        if (!VIET_MARKS.has(m)) ok = false;
        if (TONE_MARKS.has(m)) tones++;
      }
      score += ok ? 1 : -3;
    }
    if (tones > 1) score -= 3;
  }
  return score;
}

/**
 * Detect the encoding of a text file: BOMs first, then strict UTF-8, then whichever legacy
 * encoding makes the header line match known headers and the text look most Vietnamese.
 * `knownHeaders` are folded header names (see fold()).
 */
export function detectEncoding(bytes: Uint8Array, knownHeaders: ReadonlySet<string> = new Set()): Encoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  // Judge on a sample; cut it at a line end so no multi-byte character is split.
  let sample = bytes;
  if (bytes.length > 262144) {
    let end = 262144;
    while (end < bytes.length && bytes[end] !== 0x0a) end++;
    sample = bytes.subarray(0, end);
  }
  if (isUtf8(sample)) return 'utf-8';
  let best: Encoding = 'windows-1258';
  let bestScore = -Infinity;
  for (const enc of ['windows-1258', 'tcvn3'] as const) {
    const text = decodeAs(sample, enc);
    const firstLine = text.slice(0, text.search(/\r?\n|$/));
    let headerHits = 0;
    for (const cell of firstLine.split(/[,;\t]/)) if (knownHeaders.has(fold(cell.replace(/"/g, '')))) headerHits++;
    const score = headerHits * 1000 + vietnameseScore(text);
    if (score > bestScore) {
      bestScore = score;
      best = enc;
    }
  }
  return best;
}
