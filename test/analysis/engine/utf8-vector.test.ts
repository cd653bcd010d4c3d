import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Table, tableToIPC } from 'apache-arrow';
import { utf8Vector } from '../../../analysis/engine/utf8-vector.js';
import { createNodeEngine } from '../../../analysis/engine/node.js';
import { queryRows, type Engine } from '../../../analysis/engine/engine.js';

describe('utf8Vector', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeEngine();
  });
  afterAll(() => engine.close());

  it('keeps text, nulls, empty strings and Vietnamese characters', () => {
    const v = utf8Vector(['04465', null, '', 'Xã Mù Cang Chải', undefined, 'Nữ']);
    expect(v.length).toBe(6);
    expect(v.nullCount).toBe(2);
    expect([...v]).toEqual(['04465', null, '', 'Xã Mù Cang Chải', null, 'Nữ']);
  });

  it('round-trips through duckdb-wasm via Arrow IPC', async () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i % 7 === 0 ? null : `Thôn ${i}`));
    await engine.insertArrowIPC('t_utf8', tableToIPC(new Table({ v: utf8Vector(values) }), 'stream'));
    const rows = await queryRows<{ n: number; nulls: number; last: string }>(
      engine,
      "SELECT count(*) AS n, count(*) FILTER (WHERE v IS NULL) AS nulls, max(v) FILTER (WHERE v LIKE 'Thôn 99_') AS last FROM t_utf8",
    );
    expect(rows).toEqual([{ n: 1000, nulls: 143, last: 'Thôn 999' }]);
  });
});
