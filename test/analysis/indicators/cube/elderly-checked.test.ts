import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Engine } from '../../../../analysis/engine/engine.js';
import { createNodeEngine } from '../../../../analysis/engine/node.js';
import { buildCube } from '../../../../analysis/indicators/cube/build.js';
import { createCanonicalTables, insertRows } from '../helpers.js';

// Elderly checked: persons on the register at the period's end, 60+ then, with at least one
// check in the period — each person once per period, however many checks or register rows.
// Expected counts worked out by hand in the comments.
const C = '11674';
let engine: Engine;

const cell = async (period: string, sex = 'T') => {
  const rows = await queryRows<{ value: number }>(
    engine,
    `SELECT value FROM cube WHERE source = 'a0' AND level = 'commune' AND unit_code = '${C}' AND period = '${period}'
     AND element = 'elderly_checked' AND sex = '${sex}' AND age_group = 'total'`,
  );
  return rows[0]?.value ?? 0;
};

beforeAll(async () => {
  engine = await createNodeEngine();
  await createCanonicalTables(engine);
  const p = (person_id: string, sex: string, birth_date: string, entry_date: string, exit_date: string | null = null) => ({
    commune_code: C, person_id, sex, birth_date, entry_date, exit_date, exit_reason: exit_date ? 'moved_out' : null,
    residence_status: 'thuong_tru', household_id: `H${person_id}`, village: 'Thôn 1',
  });
  await insertRows(engine, 'nhan_khau', [
    p('E1', 'F', '1950-01-01', '2020-01-01'),
    // E2: two spells, out from 30/06/2022 to 01/01/2023.
    p('E2', 'M', '1955-06-01', '2020-01-01', '2022-06-30'),
    p('E2', 'M', '1955-06-01', '2023-01-01'),
    // E3: two overlapping rows (the same person entered twice).
    p('E3', 'F', '1940-02-02', '2020-01-01'),
    p('E3', 'F', '1940-02-02', '2021-01-01'),
    // E4: 59 on 31/03/2023, 60 on 30/04/2023.
    p('E4', 'F', '1963-04-15', '2020-01-01'),
    // E5: 60 on 29/02/2024. E6: leaves on 30/09/2023, the last day of a month.
    p('E5', 'M', '1964-02-29', '2020-01-01'),
    p('E6', 'M', '1950-05-05', '2020-01-01', '2023-09-30'),
  ]);
  const k = (person_id: string, check_date: string) => ({ commune_code: C, person_id, check_date });
  await insertRows(engine, 'kham_nct', [
    k('E1', '2023-01-10'), k('E1', '2023-02-20'), k('E1', '2023-02-25'),
    k('E2', '2022-03-01'), k('E2', '2023-05-05'),
    k('E3', '2023-07-07'), k('E3', '2023-07-08'),
    k('E4', '2023-03-03'), k('E4', '2023-04-20'),
    k('E5', '2024-01-15'), k('E5', '2024-02-20'),
    k('E6', '2023-08-08'), k('E6', '2023-09-05'),
  ]);
  await buildCube(engine, { source: 'a0', years: [2022, 2024] });
});
afterAll(async () => engine?.close());

describe('A0 cube: elderly checked', () => {
  it('counts each person once per year, quarter and month', async () => {
    // 2023: E1, E2 (back on the register), E3 (two rows, once), E4 (60 by 31/12).
    expect(await cell('2023')).toBe(4);
    expect(await cell('2023', 'F')).toBe(3);
    expect(await cell('2023', 'M')).toBe(1);
    // Q1: E1 (three checks, once); E4 checked in March but 59 on 31/03.
    expect(await cell('2023-Q1')).toBe(1);
    expect(await cell('2023-02')).toBe(1);
    expect(await cell('2023-03')).toBe(0);
    // Q2: E2 (05/05), E4 (20/04, 60 on 30/06).
    expect(await cell('2023-Q2')).toBe(2);
    expect(await cell('2023-04')).toBe(1);
    // Q3: E3 (two checks in July, two rows): once.
    expect(await cell('2023-Q3')).toBe(1);
    expect(await cell('2023-07')).toBe(1);
  });
  it('counts from the month of the 60th birthday, 29 February included', async () => {
    // E5 is 59 on 31/01/2024 and 60 on 29/02/2024.
    expect(await cell('2024-01')).toBe(0);
    expect(await cell('2024-02')).toBe(1);
    expect(await cell('2024-Q1')).toBe(1);
    expect(await cell('2024')).toBe(1);
  });
  it('needs the person on the register at the period’s end', async () => {
    // E6 left on 30/09/2023: on the register on 31/08, not on 30/09.
    expect(await cell('2023-08')).toBe(1);
    expect(await cell('2023-09')).toBe(0);
    // E2 was checked on 01/03/2022 and on the register on 31/03/2022, not on 31/12/2022.
    expect(await cell('2022-Q1')).toBe(1);
    expect(await cell('2022-03')).toBe(1);
    expect(await cell('2022')).toBe(0);
  });
});
