import { describe, expect, it } from 'vitest';
import { writeTargets } from '../../../analysis/workspace/lazy-engine.js';

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
