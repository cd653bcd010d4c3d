import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Engine } from '../../../../analysis/engine/engine.js';
import { createNodeEngine } from '../../../../analysis/engine/node.js';
import { buildCube } from '../../../../analysis/indicators/cube/build.js';
import { createCanonicalTables, insertRows } from '../helpers.js';

// formats.md, bptt: the person is "the woman (or the husband for male methods)". A wife whose
// husband uses a condom or is sterilised is a modern user while they are married.
const C = '11674';
let engine: Engine;

beforeAll(async () => {
  engine = await createNodeEngine();
  await createCanonicalTables(engine);
  const p = (person_id: string, sex: string, birth_date: string) => ({
    commune_code: C, person_id, sex, birth_date, residence_status: 'thuong_tru', entry_date: '2010-01-01', household_id: person_id,
  });
  await insertRows(engine, 'nhan_khau', [
    p('W1', 'F', '1990-01-01'), p('H1', 'M', '1988-01-01'),
    p('W2', 'F', '1992-01-01'), p('H2', 'M', '1990-01-01'),
    p('W3', 'F', '1985-01-01'), p('H3', 'M', '1983-01-01'),
  ]);
  await insertRows(engine, 'ket_hon', [
    { commune_code: C, wife_id: 'W1', husband_id: 'H1', marriage_date: '2015-01-01' },
    { commune_code: C, wife_id: 'W2', husband_id: 'H2', marriage_date: '2023-05-01' },
    { commune_code: C, wife_id: 'W3', husband_id: 'H3', marriage_date: '2010-06-01' },
  ]);
  await insertRows(engine, 'bptt', [
    // In use at 31/12/2022 only.
    { commune_code: C, person_id: 'H1', method: 'condom', modern: true, start_date: '2022-03-01', end_date: '2023-06-01' },
    // Before H2 married W2: not hers; his sterilisation in 2024 is.
    { commune_code: C, person_id: 'H2', method: 'condom', modern: true, start_date: '2020-01-01', end_date: '2022-01-01' },
    { commune_code: C, person_id: 'H2', method: 'male_sterilisation', modern: true, start_date: '2024-02-01' },
    // A woman's method under a husband's identifier is not taken for his wife's.
    { commune_code: C, person_id: 'H3', method: 'pill', modern: true, start_date: '2021-01-01' },
  ]);
  await buildCube(engine, { source: 'a0', years: [2022, 2024] });
});
afterAll(async () => engine?.close());

const count = async (element: string, year: number) => {
  const [r] = await queryRows<{ value: number }>(
    engine,
    `SELECT value FROM cube WHERE source = 'a0' AND level = 'commune' AND period = '${year}' AND element = '${element}' AND sex = 'F' AND age_group = 'total'`,
  );
  return r?.value ?? 0;
};

describe('A0 cube: modern users among married women', () => {
  it("count a husband's male method while they are married", async () => {
    // Married: 2021 W1, W3; 2022 W1, W3; 2023 and 2024 W1, W2, W3.
    expect([await count('women_married_15_49', 2021), await count('women_married_15_49', 2022), await count('women_married_15_49', 2023)]).toEqual([2, 2, 3]);
    // Modern: 2022 W1 (H1's condom); 2023 none; 2024 W2 (H2's sterilisation).
    expect(await count('modern_method_users', 2021)).toBe(0);
    expect(await count('modern_method_users', 2022)).toBe(1);
    expect(await count('modern_method_users', 2023)).toBe(0);
    expect(await count('modern_method_users', 2024)).toBe(1);
  });
});
