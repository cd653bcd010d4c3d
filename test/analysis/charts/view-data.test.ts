import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../analysis/engine/engine.js';
import { createNodeEngine } from '../../../analysis/engine/node.js';
import { computeIndicators } from '../../../analysis/indicators/index.js';
import { cubeYears, pyramidRows, unitAgeHeaping } from '../../../analysis/charts/view-data.js';
import { pyramidSpec } from '../../../analysis/charts/pyramid.js';
import { renderSvg } from '../../../analysis/charts/svg.js';
import { createCanonicalTables, insertRows } from '../indicators/helpers.js';

let engine: Engine;
beforeEach(async () => {
  engine = await createNodeEngine();
  await createCanonicalTables(engine);
});
afterEach(async () => engine.close());

const person = (id: string, commune: string, sex: string, birth: string) => ({
  province_code: '15', commune_code: commune, household_id: `h${id}`, person_id: id, sex, birth_date: birth,
  residence_status: 'thuong_tru', entry_date: birth,
});

describe('view data from the cube and the register', () => {
  it('gives the pyramid by 5-year group and sex, merging 0 and 1–4', async () => {
    await insertRows(engine, 'nhan_khau', [
      { ...person('1', '02647', 'M', '2024-06-01'), village: 'Thôn 1' }, // 0 at 31/12/2024
      { ...person('2', '02647', 'M', '2021-03-01'), village: 'Thôn 1' }, // 3
      { ...person('3', '02647', 'F', '1990-01-01'), village: 'Thôn 2' }, // 34
      person('4', '02671', 'F', '1990-05-01'),
    ]);
    // The cube spans the years with events: one death in 2024 (someone else, off the register).
    await insertRows(engine, 'chet', [{ commune_code: '02671', person_id: 'x', death_date: '2024-03-01', sex: 'M', birth_date: '1950-01-01' }]);
    await computeIndicators(engine, { level: 'commune', indicators: ['population'] });
    const rows = await pyramidRows(engine, '02647', 2024, 'commune');
    expect(rows).toHaveLength(36);
    expect(rows.find((r) => r.age_group === '0-4' && r.sex === 'M')?.value).toBe(2);
    expect(rows.find((r) => r.age_group === '30-34' && r.sex === 'F')?.value).toBe(1);
    expect(rows.reduce((s, r) => s + r.value, 0)).toBe(3);
    const village = await pyramidRows(engine, '02647/Thôn 1', 2024, 'village');
    expect(village.find((r) => r.age_group === '0-4' && r.sex === 'M')?.value).toBe(2);
    expect(village.reduce((s, r) => s + r.value, 0)).toBe(2);
    const province = await pyramidRows(engine, '15', 2024, 'province');
    expect(province.find((r) => r.age_group === '30-34' && r.sex === 'F')?.value).toBe(2);
    const svg = await renderSvg(pyramidSpec(rows, { lang: 'vi', title: 'Tháp dân số' }));
    expect(svg).toContain('0-4');
    expect(await cubeYears(engine)).toEqual([2024, 2024]);
  });

  it('gives the years of a cube built from a register alone (stocks, no events)', async () => {
    // In since 2015, one left in 2023: years 2023–2024 (the stock of 2022's year-end too).
    await insertRows(engine, 'nhan_khau', [
      { ...person('1', '02647', 'F', '1980-01-01'), entry_date: '2015-01-01' },
      { ...person('2', '02647', 'M', '1980-01-01'), entry_date: '2015-01-01', exit_date: '2023-05-01' },
      { ...person('3', '02647', 'M', '1990-01-01'), entry_date: '2024-02-01' },
    ]);
    await computeIndicators(engine, { level: 'province', indicators: ['population'] });
    expect(await cubeYears(engine)).toEqual([2022, 2024]);
  });

  it('computes Whipple and Myers for one commune or the whole register at 31/12', async () => {
    // Everyone aged 30 at 31/12/2024: Whipple 500 (all heaped), Myers 90 (one digit); 100
    // people in one commune, the fewest an index is given for.
    await insertRows(engine, 'nhan_khau', Array.from({ length: 120 }, (_, i) => person(String(i), i < 100 ? '02647' : '02671', 'F', '1994-06-01')));
    const one = await unitAgeHeaping(engine, '02647', 2024);
    expect(one).toEqual({ persons: 100, whipple: 500, myers: 90 });
    expect((await unitAgeHeaping(engine, null, 2024))?.persons).toBe(120);
    expect(await unitAgeHeaping(engine, '02671', 2024)).toEqual({ persons: 20, whipple: null, myers: null });
    expect(await unitAgeHeaping(engine, '99999', 2024)).toBeNull();
  });

  it('reads the same indices from the cube once it is built, without the register', async () => {
    // Ages 30 and 35 heaped, 31 and 37 not, at 31/12/2024; one person left in 2024 (not counted).
    const births = ['1994-06-01', '1994-02-01', '1989-01-01', '1993-05-01', '1987-07-01'];
    await insertRows(engine, 'nhan_khau', [
      ...Array.from({ length: 100 }, (_, i) => person(String(i + 10), '02647', 'F', births[i % births.length]!)),
      { ...person('9', '02647', 'M', '1990-01-01'), exit_date: '2024-05-01', exit_reason: 'chet' },
    ]);
    await insertRows(engine, 'chet', [{ commune_code: '02647', person_id: '9', death_date: '2024-05-01', sex: 'M', birth_date: '1990-01-01' }]);
    const fromRegister = await unitAgeHeaping(engine, '02647', 2024);
    // 60 of the 100 at ages 30 and 35: Whipple 100 × 60 / (100 / 5).
    expect(fromRegister).toMatchObject({ persons: 100, whipple: 300 });
    await computeIndicators(engine, { level: 'commune', indicators: ['population'] });
    // The register is emptied: only the cube can answer now.
    await engine.query('DELETE FROM nhan_khau');
    expect(await unitAgeHeaping(engine, '02647', 2024)).toEqual(fromRegister);
    expect(await unitAgeHeaping(engine, null, 2024)).toEqual(fromRegister);
  });
});
