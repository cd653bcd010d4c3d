import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../analysis/engine/node.js';
import { hashIdColumns } from '../../../analysis/ingest/id-hashing.js';
import { makePseudonymiser } from '../../../analysis/ingest/pseudonym.js';
import { nodeOffload } from '../../../analysis/workspace/node-offload.js';

describe('hashIdColumns', () => {
  it('gives every row its pseudonym, NULL kept, whether a worker thread shares the pieces or not', { timeout: 120_000 }, async () => {
    const key = new Uint8Array(32).map((_, i) => 7 * i + 3);
    const p = makePseudonymiser(key);
    const engine = await createNodeEngine();
    // 200,000 rows: several pieces of 32,768 per column; repeats (b) and NULLs (a).
    const result = await engine.query(
      `SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE 'Mã-' || i END AS a, 'x' || (i // 3) AS b FROM range(200000) t(i) ORDER BY i`,
    );
    await engine.close();
    const expected = [0, 1].map((c) =>
      Array.from({ length: result.numRows }, (_, r) => {
        const id = result.getChildAt(c)!.get(r) as string | null;
        return id === null ? null : BigInt('0x' + p(id));
      }),
    );
    for (const helper of [undefined, nodeOffload(key).hashHelper]) {
      const hashing = hashIdColumns(result, 2, p, helper);
      // The main thread blocked for a while, as by a DuckDB query under Node: the worker takes
      // the pieces meanwhile (the last ones are left to this thread).
      if (helper) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2500);
      const columns = await hashing.finish();
      for (const c of [0, 1]) {
        const got = columns[c]!;
        expect(got.length).toBe(result.numRows);
        expect(got.nullCount).toBe(c === 0 ? Math.ceil(200000 / 7) : 0);
        const wrong = expected[c]!.filter((x, r) => (got.get(r) as bigint | null) !== x).length;
        expect(wrong, `rows of column ${c} with another pseudonym (helper: ${helper ? 'yes' : 'no'})`).toBe(0);
      }
    }
  });

  it('reads a sliced result (chunks at an offset) from its text', { timeout: 120_000 }, async () => {
    const p = makePseudonymiser(new Uint8Array(32).fill(9));
    const engine = await createNodeEngine();
    const result = (await engine.query(`SELECT CASE WHEN i % 5 = 0 THEN NULL ELSE 'id' || i END AS a FROM range(1000) t(i) ORDER BY i`)).slice(3, 900);
    await engine.close();
    const [got] = await hashIdColumns(result, 1, p).finish();
    const expected = Array.from({ length: result.numRows }, (_, r) => {
      const id = result.getChildAt(0)!.get(r) as string | null;
      return id === null ? null : BigInt('0x' + p(id));
    });
    expect(Array.from({ length: got!.length }, (_, r) => got!.get(r) as bigint | null)).toEqual(expected);
    expect(expected.filter((x) => x === null).length).toBeGreaterThan(0);
  });
});
