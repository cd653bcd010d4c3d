import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Engine } from '../../../../analysis/engine/engine.js';
import { createNodeEngine } from '../../../../analysis/engine/node.js';
import { buildCube, ensureCubeVillages } from '../../../../analysis/indicators/cube/build.js';
import { createCanonicalTables, insertRows } from '../helpers.js';

// A register opened in 2023 (nobody on it at 31/12/2022) with births in 2023 and 2024: the
// cube's default years are 2023–2024, and the village rows added later must keep them.
const C = '11674';
let engine: Engine;

beforeAll(async () => {
  engine = await createNodeEngine();
  await createCanonicalTables(engine);
  const p = (person_id: string, village: string) => ({
    commune_code: C, person_id, village, sex: 'F', birth_date: '1995-05-05', residence_status: 'thuong_tru', entry_date: '2023-01-01', household_id: 'H1',
  });
  await insertRows(engine, 'nhan_khau', [p('M1', 'Thôn 1'), p('M2', 'Thôn 2')]);
  await insertRows(engine, 'sinh', [
    { commune_code: C, mother_id: 'M1', birth_date: '2023-03-03', sex: 'F', birth_order: 1 },
    { commune_code: C, mother_id: 'M2', birth_date: '2024-04-04', sex: 'M', birth_order: 1 },
  ]);
});
afterAll(async () => engine?.close());

describe('A0 cube: village rows added on request', () => {
  it('keep the years of a default build whose first year has no stock before it', async () => {
    await buildCube(engine, { source: 'a0' });
    const communes = () => queryRows(engine, `SELECT * FROM cube WHERE level <> 'village' ORDER BY ALL`);
    const before = await communes();
    const births = (level: string, unit: string, year: number) =>
      queryRows<{ value: number }>(engine, `SELECT value FROM cube WHERE level = '${level}' AND unit_code = '${unit}' AND period = '${year}'
        AND element = 'births' AND sex = 'T' AND age_group = 'total'`);
    expect(await births('commune', C, 2023)).toEqual([{ value: 1 }]);
    await ensureCubeVillages(engine, 'a0');
    expect(await communes()).toEqual(before);
    expect(await births('village', `${C}/Thôn 1`, 2023)).toEqual([{ value: 1 }]);
    expect(await births('village', `${C}/Thôn 2`, 2024)).toEqual([{ value: 1 }]);
  });
  it('are those of a build with villages from the start, beside the same commune rows', async () => {
    // The previous test added them to the cube built without villages.
    const cube = () => queryRows(engine, `SELECT * FROM cube ORDER BY ALL`);
    const added = await cube();
    expect(added.filter((r) => r.level === 'village').length).toBeGreaterThan(0);
    await buildCube(engine, { source: 'a0', villages: true });
    expect(await cube()).toEqual(added);
  });
});

describe('A0 cube: village rows of a register with a stray early date', () => {
  // A birth typed 1955 widens the years to 40 (1986–2025) though the first births and deaths
  // are of 2022: the build's years cannot be told from its rows, so they are recorded.
  let e: Engine;
  beforeAll(async () => {
    e = await createNodeEngine();
    await createCanonicalTables(e);
    const p = (person_id: string, village: string, sex: string) => ({
      commune_code: C, person_id, village, sex, birth_date: '1975-05-05', residence_status: 'thuong_tru', entry_date: '2015-01-01', household_id: person_id,
    });
    await insertRows(e, 'nhan_khau', [p('W1', 'Thôn 1', 'F'), p('H1', 'Thôn 2', 'M')]);
    await insertRows(e, 'sinh', [
      { commune_code: C, mother_id: 'W1', birth_date: '1955-05-01', sex: 'F' },
      { commune_code: C, mother_id: 'W1', birth_date: '2022-04-04', sex: 'M' },
    ]);
    await insertRows(e, 'chet', [{ commune_code: C, person_id: 'X', sex: 'M', birth_date: '1930-01-01', death_date: '2025-03-01' }]);
    await insertRows(e, 'ket_hon', [{ commune_code: C, husband_id: 'H1', wife_id: 'W1', marriage_date: '2000-06-01' }]);
  });
  afterAll(async () => e?.close());

  it('are those of a build with villages from the start', async () => {
    const cube = () => queryRows(e, `SELECT * FROM cube ORDER BY ALL`);
    await buildCube(e, { source: 'a0', villages: true });
    const whole = await cube();
    expect(whole.some((r) => r.level === 'village' && r.element === 'marriages' && r.period === '2000')).toBe(true);
    await buildCube(e, { source: 'a0' });
    await ensureCubeVillages(e, 'a0');
    expect(await cube()).toEqual(whole);
  });
});
