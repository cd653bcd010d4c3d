import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash, makePseudonymiser } from '../../../analysis/ingest/pseudonym.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('contentHash', () => {
  it('is the SHA-256 of the bytes (node:crypto as the reference)', async () => {
    const small = new TextEncoder().encode('Mã xã,Mã đối tượng,Ngày chết\n04465,M1,2024-12-01\n');
    expect(await contentHash(small)).toBe(sha256(small));
    expect(await contentHash(new Uint8Array(0))).toBe(sha256(new Uint8Array(0)));
  });
  it('hashes a large export as the SHA-256 of its 64 MB pieces\' SHA-256 digests (not a multiple of a piece or a block)', async () => {
    // 2 × 64 MB + 1,000,003 bytes: three pieces, the last one short.
    const M = 64 << 20;
    const big = new Uint8Array(2 * M + 1_000_003);
    let x = 2463534242;
    for (let i = 0; i < big.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      big[i] = x & 0xff;
    }
    const pieces = [big.subarray(0, M), big.subarray(M, 2 * M), big.subarray(2 * M)];
    const digests = Buffer.concat(pieces.map((b) => createHash('sha256').update(b).digest()));
    expect(await contentHash(big)).toBe(`sha256-64m:${sha256(digests)}`);
    // Exactly 64 MB is still one piece: the plain SHA-256.
    expect(await contentHash(big.subarray(0, M))).toBe(sha256(big.subarray(0, M)));
  });
});

describe('pseudonyms', () => {
  it('are the first 8 bytes of HMAC-SHA-256(key, id), as 16 hex digits', () => {
    const key = new Uint8Array(32).map((_, i) => i * 7 + 1);
    const p = makePseudonymiser(key);
    for (const id of ['M1', 'P0000123', 'Nguyễn-01', 'x'.repeat(70)]) {
      expect(p(id)).toBe(createHmac('sha256', key).update(id, 'utf8').digest('hex').slice(0, 16));
    }
  });
  it('are the same as 64-bit integers from UTF-8 bytes end to end, for ids of every length around a block', () => {
    const key = new Uint8Array(32).map((_, i) => 255 - i * 3);
    const p = makePseudonymiser(key);
    // 0–130 bytes (one block after the key's up to 55, two from 56), multibyte, and over 1000.
    const ids = [...Array.from({ length: 131 }, (_, n) => 'a1'.repeat(n).slice(0, n)), 'Đặng-Thị-Ánh-07', 'é'.repeat(28), 'z'.repeat(1200)];
    const enc = new TextEncoder();
    const bytes = ids.map((id) => enc.encode(id));
    const offsets = new Int32Array(ids.length + 1);
    bytes.forEach((b, i) => (offsets[i + 1] = offsets[i]! + b.length));
    const values = new Uint8Array(offsets[ids.length]!);
    bytes.forEach((b, i) => values.set(b, offsets[i]!));
    const out = p.u64(values, offsets, ids.length);
    ids.forEach((id, i) => {
      const expected = createHmac('sha256', key).update(id.slice(0, 1000), 'utf8').digest('hex').slice(0, 16);
      expect(out[i]!.toString(16).padStart(16, '0'), `id of ${bytes[i]!.length} bytes`).toBe(expected);
      expect(p(id)).toBe(expected);
    });
  });
  it('copy a repeated id from the row before and skip the rows a validity bitmap marks null', () => {
    const key = new Uint8Array(32).fill(9);
    const p = makePseudonymiser(key);
    const ids = ['A1', 'A1', 'A10', '', 'A1', 'A1', 'B'];
    const valid = new Uint8Array([0b1110111]); // row 3 is null
    const enc = new TextEncoder();
    const offsets = new Int32Array(ids.length + 1);
    ids.forEach((id, i) => (offsets[i + 1] = offsets[i]! + enc.encode(id).length));
    const values = enc.encode(ids.join(''));
    const got = Array.from(p.u64(values, offsets, ids.length, valid));
    const hmac = (id: string) => BigInt('0x' + createHmac('sha256', key).update(id, 'utf8').digest('hex').slice(0, 16));
    expect(got).toEqual([hmac('A1'), hmac('A1'), hmac('A10'), 0n, hmac('A1'), hmac('A1'), hmac('B')]);
  });
});
