import { describe, expect, it } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import type { Engine } from '../../../analysis/engine/engine.js';
import { lazyEngine, tableItem, writeTargets } from '../../../analysis/workspace/lazy-engine.js';

describe('writeTargets', () => {
  it('finds the table each statement writes, and nothing for reads', () => {
    expect(writeTargets(`INSERT INTO chet SELECT * FROM _stage`)).toEqual(new Set(['chet']));
    expect(writeTargets(`DELETE FROM "nhan_khau" WHERE import_id = 'x'; INSERT INTO quality_report VALUES (1)`)).toEqual(new Set(['nhan_khau', 'quality_report']));
    expect(writeTargets(`DROP TABLE IF EXISTS cube`)).toEqual(new Set(['cube']));
    expect(writeTargets(`CREATE OR REPLACE TABLE sinh AS SELECT 1`)).toEqual(new Set(['sinh']));
    expect(writeTargets(`UPDATE bptt SET modern = true`)).toEqual(new Set(['bptt']));
    // Creating a table only if absent changes nothing that exists; temp tables and reads are not writes.
    expect(writeTargets(`CREATE TABLE IF NOT EXISTS sinh (a INT)`)).toEqual(new Set());
    expect(writeTargets(`CREATE OR REPLACE TEMP TABLE _who AS SELECT * FROM nhan_khau`)).toEqual(new Set());
    expect(writeTargets(`SELECT count(*) FROM chet; WITH x AS (SELECT 1) SELECT * FROM x`)).toEqual(new Set());
  });
});

describe('lazyEngine', () => {
  // Logs every statement; `refuse` makes chosen statements fail.
  const fakeInner = (log: string[], refuse: (sql: string) => boolean = () => false): Engine => ({
    query: async (sql) => {
      if (refuse(sql)) throw new Error('locked');
      log.push(sql);
      return tableFromArrays({});
    },
    insertArrowIPC: async () => {},
    registerFile: async () => {},
    dropFile: async () => {},
    fileBytes: async () => new Uint8Array(),
    close: async () => {},
  });

  it('retries a load that failed, and keeps the table pending until one succeeds', async () => {
    const log: string[] = [];
    let attempts = 0;
    const e = lazyEngine(fakeInner(log), [tableItem('sinh', async () => {
      attempts++;
      if (attempts === 1) throw new Error('disk');
    })], ['sinh']);
    await expect(e.query('SELECT * FROM sinh')).rejects.toThrow('disk');
    expect(e.pending.has('sinh')).toBe(true);
    await e.query('SELECT * FROM sinh');
    expect(attempts).toBe(2);
    expect(e.pending.has('sinh')).toBe(false);
    expect(log).toEqual(['SELECT * FROM sinh']);
  });

  it('forgets an item a statement discards only once that statement has run', async () => {
    let fail = true;
    const inner = fakeInner([], (sql) => fail && sql.startsWith('DROP'));
    let loads = 0;
    const villages = { name: 'cube_villages', needed: (sql: string) => sql.includes("'village'"), discard: (sql: string) => /^DROP TABLE cube\b/.test(sql), load: async () => void loads++ };
    const e = lazyEngine(inner, [villages], ['cube']);
    await expect(e.query('DROP TABLE cube')).rejects.toThrow('locked');
    // The cube is still there with its saved village rows: they still load when asked for.
    expect(e.pending.has('cube_villages')).toBe(true);
    fail = false;
    await e.query('DROP TABLE cube');
    expect(e.pending.has('cube_villages')).toBe(false);
    await e.query("SELECT * FROM cube WHERE level = 'village'");
    expect(loads).toBe(0);
  });

  it('makes a statement wait for a load already running', async () => {
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const e = lazyEngine(fakeInner(log), [tableItem('chet', async () => {
      await gate;
      log.push('loaded');
    })], ['chet']);
    const first = e.query('SELECT 1 FROM chet');
    const second = e.query('SELECT 2 FROM chet');
    await new Promise((r) => setTimeout(r, 10));
    expect(log).toEqual([]);
    release();
    await Promise.all([first, second]);
    expect(log[0]).toBe('loaded');
    expect(log.slice(1).sort()).toEqual(['SELECT 1 FROM chet', 'SELECT 2 FROM chet']);
  });
});
