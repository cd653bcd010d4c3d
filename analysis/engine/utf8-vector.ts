import { makeData, makeVector, Utf8, type Vector } from 'apache-arrow';

const encoder = new TextEncoder();

/**
 * A Utf8 vector built directly from its buffers. apache-arrow's builders compile their
 * null check with `new Function`, which the app's CSP (no eval) forbids, so text
 * columns bound for duckdb-wasm are assembled here instead: offsets, bytes, validity bitmap.
 */
export function utf8Vector(values: ReadonlyArray<string | null | undefined>): Vector<Utf8> {
  const length = values.length;
  const offsets = new Int32Array(length + 1);
  const validity = new Uint8Array((length + 7) >> 3);
  const encoded: Uint8Array[] = new Array(length);
  let total = 0;
  let nullCount = 0;
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      nullCount++;
      encoded[i] = EMPTY;
    } else {
      validity[i >> 3]! |= 1 << (i & 7);
      encoded[i] = encoder.encode(v);
      total += encoded[i]!.byteLength;
    }
    offsets[i + 1] = total;
  }
  const data = new Uint8Array(total);
  for (let i = 0; i < length; i++) data.set(encoded[i]!, offsets[i]!);
  return makeVector(
    makeData({ type: new Utf8(), length, nullCount, nullBitmap: nullCount > 0 ? validity : null, valueOffsets: offsets, data }),
  );
}

const EMPTY = new Uint8Array(0);
