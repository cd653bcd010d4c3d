/**
 * Whether `bytes` (UTF-8 CSV records) hold whitespace that DuckDB's trim() leaves and JS's
 * trim() removes: vertical tab, form feed, tab (unless it is the delimiter), and the
 * multibyte spaces — their lead bytes C2 (NBSP), E2 (U+2000…), E3 (U+3000), EF (BOM), and
 * U+1680 (E1 9A 80), the one among the Vietnamese letters' lead byte E1. When there is none
 * the fast path's plain-text test is `x = trim(x)`, else an exact (slower) one.
 */
export function hasExoticSpace(bytes: Uint8Array, tabDelimited: boolean): boolean {
  if ([0x0b, 0x0c, 0xc2, 0xe2, 0xe3, 0xef, ...(tabDelimited ? [] : [0x09])].some((c) => bytes.indexOf(c) >= 0)) return true;
  for (let i = bytes.indexOf(0x9a); i >= 0; i = bytes.indexOf(0x9a, i + 1)) if (bytes[i - 1] === 0xe1 && bytes[i + 1] === 0x80) return true;
  return false;
}

/** hasExoticSpace off this thread (a Node worker: workspace/node-offload.ts); the bytes are the callee's. */
export type SpaceScan = (bytes: Uint8Array, tabDelimited: boolean) => Promise<boolean>;
