import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Engine } from '../../../../analysis/engine/engine.js';
import { createNodeEngine } from '../../../../analysis/engine/node.js';
import { buildCube } from '../../../../analysis/indicators/cube/build.js';
import { createCanonicalTables, insertRows } from '../helpers.js';

// The mother's age at a birth: from the birth row, else the commune's own register, else the
// mother's record in any other commune. Expected ages by hand (completed years on 01/06/2024).
const C = '11674';
const OTHER = '02647';
let engine: Engine;

beforeAll(async () => {
  engine = await createNodeEngine();
  await createCanonicalTables(engine);
  const p = (commune_code: string, person_id: string, birth_date: string | null) => ({
    commune_code, person_id, birth_date, sex: 'F', residence_status: 'thuong_tru', entry_date: '2020-01-01', household_id: `H${person_id}`,
  });
  await insertRows(engine, 'nhan_khau', [
    p(OTHER, 'M1', '1995-03-10'), // registered in the other commune only: 29
    p(C, 'M2', null), // own register without a birth date …
    p(OTHER, 'M2', '1985-01-01'), // … the other commune has it: 39
    p(C, 'M3', '2000-05-05'), // own register: 24
    p(OTHER, 'M3', '1970-01-01'), // not used: the own commune's record wins
  ]);
  const b = (mother_id: string, mother_birth_date: string | null = null) => ({
    commune_code: C, mother_id, mother_birth_date, birth_date: '2024-06-01', sex: 'F', birth_order: 1,
  });
  await insertRows(engine, 'sinh', [b('M1'), b('M2'), b('M3'), b('M3', '1990-01-01'), b('X')]);
  await buildCube(engine, { source: 'a0', years: [2024, 2024] });
});
afterAll(async () => engine?.close());

describe('A0 cube: mother’s age at a birth', () => {
  it('takes the birth row, then the own commune’s register, then any commune’s', async () => {
    const rows = await queryRows<{ age_group: string; value: number }>(
      engine,
      `SELECT age_group, value FROM cube WHERE level = 'commune' AND unit_code = '${C}' AND period = '2024'
       AND element = 'births' AND sex = 'T' AND age_group <> 'total' ORDER BY age_group`,
    );
    expect(rows).toEqual([
      { age_group: '20-24', value: 1 }, // M3 from the own register
      { age_group: '25-29', value: 1 }, // M1 from the other commune
      { age_group: '30-34', value: 1 }, // M3 with the birth row's date (34)
      { age_group: '35-39', value: 1 }, // M2 from the other commune
      { age_group: 'unknown', value: 1 }, // X is on no register
    ]);
  });
});
