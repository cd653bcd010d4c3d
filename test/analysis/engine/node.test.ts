import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeEngine } from '../../../analysis/engine/node.js';
import { queryRows, sqlString, type Engine } from '../../../analysis/engine/engine.js';

describe('Node engine (duckdb-wasm, blocking bindings)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeEngine();
  });
  afterAll(() => engine.close());

  it('runs SQL and converts BigInt counts, dates and decimals to plain values', async () => {
    const rows = await queryRows(
      engine,
      "SELECT count(*) AS n, DATE '2024-12-31' AS d, 12.50::DECIMAL(9,2) AS x, sum(i) AS s FROM range(1000) t(i)",
    );
    expect(rows).toEqual([{ n: 1000, d: '2024-12-31', x: 12.5, s: 499500 }]);
    expect(typeof rows[0]!.n).toBe('number');
  });

  it('inserts Arrow IPC bytes made with apache-arrow 21 (not silently empty)', async () => {
    const table = tableFromArrays({ code: ['04465', '04456', '04492'], births: Int32Array.from([310, 120, 45]) });
    await engine.insertArrowIPC('t_births', tableToIPC(table, 'stream'));
    const rows = await queryRows(engine, 'SELECT code, births FROM t_births ORDER BY code');
    expect(rows).toEqual([
      { code: '04456', births: 120 },
      { code: '04465', births: 310 },
      { code: '04492', births: 45 },
    ]);
  });

  it('reads a registered file with declared types, keeping leading zeros', async () => {
    await engine.registerFile('x.csv', new TextEncoder().encode('ma_xa,so\n04465,3\n04456,4\n'));
    const rows = await queryRows(
      engine,
      `SELECT ma_xa, so FROM read_csv(${sqlString('x.csv')}, header=true, columns={'ma_xa':'VARCHAR','so':'INTEGER'}) ORDER BY ma_xa`,
    );
    expect(rows).toEqual([
      { ma_xa: '04456', so: 4 },
      { ma_xa: '04465', so: 3 },
    ]);
  });

  it('writes files with COPY and returns their bytes', async () => {
    // Under Node, duckdb-wasm writes through to the real file system: use a temp path.
    const path = join(tmpdir(), `danso-copy-${process.pid}.csv`);
    try {
      await engine.query(`COPY (SELECT 'Lào Cai' AS ten, 15 AS ma) TO ${sqlString(path)} (HEADER)`);
      expect(new TextDecoder().decode(await engine.fileBytes(path))).toBe('ten,ma\nLào Cai,15\n');
    } finally {
      await engine.dropFile(path);
      rmSync(path, { force: true });
    }
  });

  it('reports SQL errors', async () => {
    await expect(engine.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
  });
});
