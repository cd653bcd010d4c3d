import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Engine } from '../../../../analysis/engine/engine.js';
import { createNodeEngine } from '../../../../analysis/engine/node.js';
import { buildCube, ensureCubeVillages } from '../../../../analysis/indicators/cube/build.js';
import { communeByCode } from '../../../../analysis/model/admin-units.js';
import { createCanonicalTables, insertRows } from '../helpers.js';

// Hand-built register of commune 11674 (An Hưng); expected values are worked out by hand
// in the comments from the residence rule and exact ages of shared/formats.md.
const C = '11674';
let engine: Engine;

async function cell(q: { level?: string; unit?: string; period: string; element: string; sex?: string; age?: string; source?: string }) {
  const rows = await queryRows<{ value: number }>(
    engine,
    `SELECT value FROM cube WHERE source = '${q.source ?? 'a0'}' AND level = '${q.level ?? 'commune'}' AND unit_code = '${q.unit ?? C}'
     AND period = '${q.period}' AND element = '${q.element}' AND sex = '${q.sex ?? 'T'}' AND age_group = '${q.age ?? 'total'}'`,
  );
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0]?.value ?? 0;
}

beforeAll(async () => {
  engine = await createNodeEngine();
  await createCanonicalTables(engine);
  const p = (o: Record<string, string | null>) => ({ commune_code: C, residence_status: 'thuong_tru', entry_date: '2020-01-01', ...o });
  await insertRows(engine, 'nhan_khau', [
    p({ person_id: 'P1', sex: 'F', birth_date: '1990-06-15', village: 'Thôn 1', household_id: 'H1', marital_status: 'married' }),
    p({ person_id: 'P2', sex: 'M', birth_date: '1988-03-01', village: 'Thôn 1', household_id: 'H1', exit_date: '2023-06-30', exit_reason: 'death' }),
    p({ person_id: 'P3', sex: 'F', birth_date: '2022-04-10', village: 'Thôn 1', household_id: 'H1.1', entry_date: '2022-04-10', mother_id: 'P1' }),
    p({ person_id: 'P4', sex: 'F', birth_date: '1960-12-31', village: 'Thôn 2', household_id: 'H2', residence_status: 'tam_tru' }),
    p({ person_id: 'P5', sex: 'M', birth_date: '1961-01-01', village: 'Thôn 2', household_id: 'H3', residence_status: 'tam_vang', entry_date: '2021-05-05', exit_date: '2022-12-31' }),
    p({ person_id: 'P6', sex: 'F', birth_date: '2007-01-01', village: null, household_id: 'H4', marital_status: 'married' }),
  ]);
  await insertRows(engine, 'sinh', [
    { commune_code: C, person_id: 'P3', mother_id: 'P1', birth_date: '2022-04-10', sex: 'F', birth_order: 1, newborn_screening_date: '2022-04-12', newborn_screening_diseases: 5 },
    { commune_code: C, mother_id: 'P1', birth_date: '2023-11-02', sex: 'M', birth_order: 2, newborn_screening_diseases: 3 },
    { commune_code: C, mother_id: 'X9', mother_birth_date: '2005-02-01', birth_date: '2023-01-20', sex: 'M', birth_order: 3 },
  ]);
  await insertRows(engine, 'chet', [
    { commune_code: C, person_id: 'P2', death_date: '2023-06-30' },
    // Born 29/02/2008, died 28/02/2023: the birthday is reached on 1 March, so aged 14.
    { commune_code: C, person_id: 'P8', death_date: '2023-02-28', sex: 'F', birth_date: '2008-02-29' },
  ]);
  await insertRows(engine, 'chuyen_cu', [
    { commune_code: C, person_id: 'P5', move_type: 'in', move_date: '2021-05-05' },
    { commune_code: C, person_id: 'P5', move_type: 'out', move_date: '2022-12-31' },
  ]);
  await insertRows(engine, 'ket_hon', [
    { commune_code: C, wife_id: 'P6', wife_birth_date: '2007-01-01', husband_birth_date: '2000-01-01', marriage_date: '2022-08-01', premarital_check: true, consanguineous: false },
    // P1 married P2 before the register opened; P2's death on 2023-06-30 makes her a widow.
    { commune_code: C, wife_id: 'P1', husband_id: 'P2', wife_birth_date: '1990-06-15', husband_birth_date: '1988-03-01', marriage_date: '2012-05-01' },
    { commune_code: C, wife_age: 25, husband_age: 19, marriage_date: '2023-03-03', premarital_check: false, consanguineous: true },
  ]);
  await insertRows(engine, 'mang_thai', [
    { commune_code: C, person_id: 'P1', pregnancy_date: '2022-01-10', prenatal_screening_date: '2022-02-01', prenatal_screening_diseases: 4 },
    { commune_code: C, person_id: 'P1', pregnancy_date: '2023-03-01', prenatal_screening_diseases: 2 },
  ]);
  await insertRows(engine, 'bptt', [
    { commune_code: C, person_id: 'P1', method: 'pill', modern: true, start_date: '2021-03-01', end_date: '2022-01-15', new_acceptor: true },
    { commune_code: C, person_id: 'P6', method: 'iud', modern: true, start_date: '2023-02-01', new_acceptor: true },
    { commune_code: C, person_id: 'P1', method: 'rhythm', modern: false, start_date: '2023-01-01', new_acceptor: false },
  ]);
  await insertRows(engine, 'kham_nct', [
    { commune_code: C, person_id: 'P5', check_date: '2022-03-03' },
    { commune_code: C, person_id: 'P5', check_date: '2022-09-09' },
  ]);
  await buildCube(engine, { source: 'a0', years: [2022, 2023], villages: true });
});
afterAll(async () => engine?.close());

describe('A0 cube: stocks at 31/12', () => {
  it('population follows the residence rule (Tạm trú out, exit on 31/12 out)', async () => {
    // 2021: P1, P2, P5, P6; 2022: P1, P2, P3, P6; 2023: P1, P3, P6.
    expect(await cell({ period: '2021', element: 'population' })).toBe(4);
    expect(await cell({ period: '2022', element: 'population' })).toBe(4);
    expect(await cell({ period: '2023', element: 'population' })).toBe(3);
    expect(await cell({ period: '2020', element: 'population' })).toBe(0);
  });
  it('by sex and exact age at 31/12', async () => {
    expect(await cell({ period: '2021', element: 'population', sex: 'M', age: '60-64' })).toBe(1); // P5, 60
    expect(await cell({ period: '2021', element: 'population', sex: 'F', age: '10-14' })).toBe(1); // P6, 14
    expect(await cell({ period: '2022', element: 'population', sex: 'F', age: '15-19' })).toBe(1); // P6, 15
    expect(await cell({ period: '2022', element: 'population', sex: 'F', age: '0' })).toBe(1); // P3
    expect(await cell({ period: '2023', element: 'population', sex: 'F', age: '1-4' })).toBe(1); // P3, 1
    expect(await cell({ period: '2022', element: 'population', sex: 'M' })).toBe(1);
    expect(await cell({ period: '2022', element: 'population', age: '30-34' })).toBe(2); // P1 32, P2 34
  });
  it('households, elderly, married women, modern users', async () => {
    expect(await cell({ period: '2021', element: 'households' })).toBe(3); // H1, H3, H4
    expect(await cell({ period: '2022', element: 'households' })).toBe(2); // H1 (+H1.1), H4
    expect(await cell({ period: '2021', element: 'elderly' })).toBe(1);
    expect(await cell({ period: '2022', element: 'elderly' })).toBe(0);
    // Married = a ket_hon marriage dated ≤ 31/12 with the husband alive: 2021 P1; 2022 P1, P6; 2023 P6 (P1 widowed).
    expect(await cell({ period: '2021', element: 'women_married_15_49' })).toBe(1);
    expect(await cell({ period: '2022', element: 'women_married_15_49' })).toBe(2);
    expect(await cell({ period: '2023', element: 'women_married_15_49' })).toBe(1);
    expect(await cell({ period: '2021', element: 'modern_method_users' })).toBe(1);
    expect(await cell({ period: '2022', element: 'modern_method_users' })).toBe(0);
    expect(await cell({ period: '2023', element: 'modern_method_users' })).toBe(1);
  });
});

describe('A0 cube: flows', () => {
  it('births by sex and mother exact age', async () => {
    expect(await cell({ period: '2022', element: 'births' })).toBe(1);
    expect(await cell({ period: '2022', element: 'births', sex: 'F', age: '30-34' })).toBe(1);
    expect(await cell({ period: '2023', element: 'births' })).toBe(2);
    expect(await cell({ period: '2023', element: 'births', sex: 'M', age: '30-34' })).toBe(1); // P1 aged 33
    expect(await cell({ period: '2023', element: 'births', age: '15-19' })).toBe(1); // mother born 2005-02-01, 17
    expect(await cell({ period: '2023', element: 'births_order_2' })).toBe(1);
    expect(await cell({ period: '2023', element: 'births_order_3plus' })).toBe(1);
    expect(await cell({ period: '2022', element: 'newborn_screened' })).toBe(1);
    expect(await cell({ period: '2023', element: 'newborn_screened' })).toBe(0);
  });
  it('by quarter and month', async () => {
    expect(await cell({ period: '2023-Q4', element: 'births' })).toBe(1);
    expect(await cell({ period: '2023-Q1', element: 'births' })).toBe(1);
    expect(await cell({ period: '2023-11', element: 'births', sex: 'M' })).toBe(1);
    // P5 (born 1961-01-01) is on the register at 31/03 and 30/09/2022, aged 61.
    expect(await cell({ period: '2022-Q1', element: 'elderly_checked' })).toBe(1);
    expect(await cell({ period: '2022-Q3', element: 'elderly_checked' })).toBe(1);
    expect(await cell({ period: '2022-03', element: 'elderly_checked' })).toBe(1);
  });
  it('deaths, moves, marriages, pregnancies, acceptors, checks', async () => {
    expect(await cell({ period: '2023', element: 'deaths', sex: 'M', age: '35-39' })).toBe(1);
    expect(await cell({ period: '2023', element: 'deaths', sex: 'F', age: '10-14' })).toBe(1);
    expect(await cell({ period: '2023', element: 'deaths', sex: 'F', age: '15-19' })).toBe(0);
    expect(await cell({ period: '2022', element: 'out_migrants', sex: 'M', age: '60-64' })).toBe(1);
    expect(await cell({ period: '2022', element: 'in_migrants' })).toBe(0); // 2021 is outside the years
    expect(await cell({ period: '2022', element: 'marriages' })).toBe(1);
    expect(await cell({ period: '2022', element: 'child_marriages' })).toBe(1); // wife 15
    expect(await cell({ period: '2022', element: 'premarital_checked' })).toBe(1);
    expect(await cell({ period: '2023', element: 'child_marriages' })).toBe(1); // husband 19
    expect(await cell({ period: '2023', element: 'consanguineous_marriages' })).toBe(1);
    expect(await cell({ period: '2023', element: 'premarital_checked' })).toBe(0);
    expect(await cell({ period: '2022', element: 'pregnancies' })).toBe(1);
    expect(await cell({ period: '2022', element: 'prenatal_screened' })).toBe(1);
    expect(await cell({ period: '2023', element: 'prenatal_screened' })).toBe(0);
    expect(await cell({ period: '2023', element: 'new_acceptors' })).toBe(1);
    // P5 left on 31/12/2022, so is not among the elderly at the year's end.
    expect(await cell({ period: '2022', element: 'elderly_checked' })).toBe(0);
  });
});

describe('A0 cube: levels', () => {
  it('villages and the province', async () => {
    expect(await cell({ level: 'village', unit: `${C}/Thôn 1`, period: '2022', element: 'population' })).toBe(3);
    expect(await cell({ level: 'village', unit: `${C}/Thôn 2`, period: '2021', element: 'population' })).toBe(1);
    expect(await cell({ level: 'village', unit: `${C}/Thôn 1`, period: '2023', element: 'births' })).toBe(1);
    const prov = communeByCode(C)!.provinceCode;
    expect(await cell({ level: 'province', unit: prov, period: '2022', element: 'population' })).toBe(4);
    const [u] = await queryRows<{ unit_name: string }>(engine, `SELECT DISTINCT unit_name FROM cube WHERE level = 'commune'`);
    expect(u!.unit_name).toBe(communeByCode(C)!.communeName);
  });
  it('leaves the villages out by default; the first village request adds them over the same years', async () => {
    const others = () => queryRows(engine, `SELECT * FROM cube WHERE source = 'a0' AND level <> 'village' ORDER BY ALL`);
    const villages = async () => (await queryRows<{ n: number }>(engine, `SELECT count(*) AS n FROM cube WHERE level = 'village'`))[0]!.n;
    const before = await others();
    const villageRows = await villages();
    expect(villageRows).toBeGreaterThan(0);
    await buildCube(engine, { source: 'a0', years: [2022, 2023] });
    expect(await villages()).toBe(0);
    expect(await others()).toEqual(before);
    await ensureCubeVillages(engine, 'a0');
    expect(await cell({ level: 'village', unit: `${C}/Thôn 1`, period: '2022', element: 'population' })).toBe(3);
    expect(await villages()).toBe(villageRows);
    // Same years (2021 stocks to 2023), same commune and province rows.
    expect(await others()).toEqual(before);
  });
  it('reports its progress after each statement, up to all of them', async () => {
    const seen: Array<[number, number]> = [];
    await buildCube(engine, { source: 'a0', years: [2022, 2023], villages: true, onProgress: (d, t) => seen.push([d, t]) });
    const total = seen[0]![1];
    expect(total).toBeGreaterThan(20);
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => [i + 1, total]));
  });
});

describe('MIS cube', () => {
  beforeAll(async () => {
    const m = (commune_code: string, period: string, period_type: string, element: string, sex: string | null, age_group: string | null, value: number) => ({
      commune_code, period, period_type, year: Number(period.slice(0, 4)), element, sex, age_group, value,
    });
    await insertRows(engine, 'mis', [
      m('11674', '2023', 'year', 'population', 'M', '0', 10),
      m('11674', '2023', 'year', 'population', 'F', '0', 12),
      m('11674', '2023', 'year', 'population', 'F', '15-19', 30),
      m('11674', '2023', 'year', 'population', null, null, 100), // stated total wins over 52
      m('11674', '2023-Q1', 'quarter', 'births', 'M', null, 3),
      m('11674', '2023-Q2', 'quarter', 'births', 'M', null, 4),
      m('11674', '2023-Q2', 'quarter', 'births', 'F', null, 5),
      m('11674', '2023-06', 'month', 'households', null, null, 40),
      m('11674', '2023-12', 'month', 'households', null, null, 41),
      m('11674', '2023', 'year', 'births', null, '15-19', 2),
    ]);
    const seen: number[] = [];
    await buildCube(engine, { source: 'mis', onProgress: (d, t) => seen.push(t - d) });
    // Counted down to the last statement.
    expect(seen.at(-1)).toBe(0);
    expect(seen.length).toBeGreaterThan(3);
  });
  it('keeps stated totals, sums breakdowns, derives years', async () => {
    expect(await cell({ source: 'mis', period: '2023', element: 'population' })).toBe(100);
    expect(await cell({ source: 'mis', period: '2023', element: 'population', sex: 'F' })).toBe(42);
    expect(await cell({ source: 'mis', period: '2023', element: 'population', age: '0' })).toBe(22);
    // births has an annual row (by age) so the quarters do not make the year: total from the age row.
    expect(await cell({ source: 'mis', period: '2023', element: 'births' })).toBe(2);
    expect(await cell({ source: 'mis', period: '2023-Q2', element: 'births' })).toBe(9);
    expect(await cell({ source: 'mis', period: '2023', element: 'households' })).toBe(41); // last month
    const prov = communeByCode(C)!.provinceCode;
    expect(await cell({ source: 'mis', level: 'province', unit: prov, period: '2023', element: 'population' })).toBe(100);
  });
  it('leaves the A0 rows alone', async () => {
    expect(await cell({ period: '2022', element: 'population' })).toBe(4);
  });
});
