import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type Engine } from '../../../analysis/engine/engine.js';
import { createNodeEngine } from '../../../analysis/engine/node.js';
import { dropCube } from '../../../analysis/indicators/cube/build.js';
import {
  buildCube,
  computeIndicators,
  lifeTable,
  LIFE_TABLE_AGES,
  type IndicatorResult,
} from '../../../analysis/indicators/index.js';
import { AGE_GROUPS } from '../../../analysis/model/age-groups.js';
import { CANONICAL_TABLES } from '../../../analysis/model/schema.js';
import { createCanonicalTables, insertRows } from './helpers.js';

let engine: Engine;
/** Statements the engine ran since the last reset. */
let seen: string[] = [];
beforeAll(async () => {
  const inner = await createNodeEngine();
  engine = { ...inner, query: (sql: string) => (seen.push(sql), inner.query(sql)) };
});
beforeEach(async () => {
  await engine.query('DROP TABLE IF EXISTS cube');
  for (const t of CANONICAL_TABLES) await engine.query(`DROP TABLE IF EXISTS ${t}`);
  await createCanonicalTables(engine);
  seen = [];
});
afterAll(async () => engine?.close());

const C = '00001';
const row = (year: number, element: string, sex: string | null, age_group: string | null, value: number) => ({
  commune_code: C,
  period: String(year),
  period_type: 'year',
  year,
  element,
  sex,
  age_group,
  value,
});
const find = (rows: IndicatorResult[], indicator: string, level = 'commune', period = '2024') => {
  const r = rows.find((x) => x.indicator === indicator && x.level === level && x.period === period);
  if (!r) throw new Error(`no ${indicator} ${level} ${period}`);
  return r;
};
const pivots = () => seen.filter((s) => /TEMP TABLE _ind_raw AS/.test(s)).length;
const cubeReads = () => seen.filter((s) => /list\(\{y:/.test(s)).length;

// Population and deaths by age for a life table, births by sex for the SRB.
const pop = AGE_GROUPS.map((_, i) => 4000 - i * 150);
const deaths = AGE_GROUPS.map((_, i) => 2 + i * 3);
async function insertMis(deathsBy: number[], boys: number): Promise<void> {
  await insertRows(engine, 'mis', [
    ...AGE_GROUPS.flatMap((g, i) => [
      row(2023, 'population', 'T', g, pop[i]!),
      row(2024, 'population', 'T', g, pop[i]!),
    ]),
    ...AGE_GROUPS.map((g, i) => row(2024, 'deaths', 'T', g, deathsBy[i]!)),
    row(2024, 'births', 'M', null, boys),
    row(2024, 'births', 'F', null, 100),
  ]);
}
const expectedE0 = (d: number[]) =>
  lifeTable({ ages: LIFE_TABLE_AGES, deaths: d, population: pop, sex: 'T', method: 'cd' })!.e0;

describe('recomputations reuse what they derive from the cube', () => {
  it('pivots the cube and reads its life-table cells once while the cube is unchanged', async () => {
    await insertMis(deaths, 110);
    const a = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['srb', 'e0'] });
    const b = await computeIndicators(engine, {
      source: 'mis',
      level: 'commune',
      indicators: ['srb', 'e0'],
      pool: 1,
      lifeTable: 'chiang2',
    });
    expect([pivots(), cubeReads()]).toEqual([1, 1]);
    expect(find(a, 'srb').value).toBeCloseTo(110, 10);
    expect(find(b, 'srb').value).toBeCloseTo(110, 10);
    expect(find(a, 'e0').value).toBeCloseTo(expectedE0(deaths), 10);
    // Another set of levels is another pivot.
    const c = await computeIndicators(engine, { source: 'mis', level: ['province', 'commune'], indicators: ['srb'] });
    expect(pivots()).toBe(2);
    expect(c.filter((r) => r.level === 'province')).toHaveLength(1);
  });

  it('computes from the new cube after a rebuild that keeps its row count', async () => {
    await insertMis(deaths, 110);
    const before = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['srb', 'e0'] });
    expect(find(before, 'srb').value).toBeCloseTo(110, 10);
    // Same cells, other values: the cube keeps its table and its row count.
    const more = deaths.map((d) => d * 2);
    await engine.query(`DELETE FROM mis`);
    await insertMis(more, 120);
    const cubeRows = async () => (await queryRows<{ n: number }>(engine, 'SELECT count(*) AS n FROM cube'))[0]!.n;
    const n0 = await cubeRows();
    await buildCube(engine, { source: 'mis' });
    expect(await cubeRows()).toBe(n0);
    const after = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['srb', 'e0'] });
    expect(find(after, 'srb').value).toBeCloseTo(120, 10);
    expect(find(after, 'e0').value).toBeCloseTo(expectedE0(more), 10);
    expect([pivots(), cubeReads()]).toEqual([2, 2]);
  });

  it('computes from the rebuilt cube after dropCube (an import)', async () => {
    await insertMis(deaths, 110);
    await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['srb'] });
    await engine.query(`UPDATE mis SET value = 130 WHERE element = 'births' AND sex = 'M'`);
    await dropCube(engine);
    expect(
      find(await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['srb'] }), 'srb').value,
    ).toBeCloseTo(130, 10);
  });

  it('keeps them apart by period type, source and levels', async () => {
    // MIS births by quarter (the year sums the four); A0 births of the same commune: 3 boys, 1 girl.
    const q = (quarter: number, sex: string, value: number) => ({
      commune_code: C,
      period: `2024-Q${quarter}`,
      period_type: 'quarter',
      year: 2024,
      element: 'births',
      sex,
      age_group: null,
      value,
    });
    await insertMis(deaths, 110);
    await engine.query(`DELETE FROM mis WHERE element = 'births'`);
    await insertRows(engine, 'mis', [q(1, 'M', 60), q(1, 'F', 50), q(2, 'M', 50), q(2, 'F', 50), q(3, 'M', 0), q(3, 'F', 0), q(4, 'M', 0), q(4, 'F', 0)]);
    await insertRows(
      engine,
      'sinh',
      ['M', 'M', 'M', 'F'].map((sex, i) => ({ commune_code: C, mother_id: `M${i}`, birth_date: '2024-03-01', sex })),
    );
    // A death at the year's end: events only in March would read as registers cut after it.
    await insertRows(engine, 'chet', [{ commune_code: C, person_id: 'X', sex: 'M', birth_date: '1930-01-01', death_date: '2024-12-31' }]);
    await buildCube(engine, { source: 'a0' });
    await buildCube(engine, { source: 'mis' });
    const srb = (rows: IndicatorResult[], period: string) => find(rows, 'srb', 'commune', period).value;
    expect(
      srb(await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['srb'] }), '2024'),
    ).toBeCloseTo(110, 10);
    expect(
      srb(await computeIndicators(engine, { source: 'a0', level: 'commune', indicators: ['srb'] }), '2024'),
    ).toBeCloseTo(300, 10);
    const quarters = await computeIndicators(engine, {
      source: 'a0',
      level: 'commune',
      indicators: ['srb'],
      periodType: 'quarter',
    });
    expect(srb(quarters, '2024-Q1')).toBeCloseTo(300, 10);
    const misQuarters = await computeIndicators(engine, {
      source: 'mis',
      level: 'commune',
      indicators: ['srb'],
      periodType: 'quarter',
    });
    expect([srb(misQuarters, '2024-Q1'), srb(misQuarters, '2024-Q2')]).toEqual([120, 100]);
    // The life tables' cells of other levels.
    const e0 = (rows: IndicatorResult[], level: string) => find(rows, 'e0', level).value;
    expect(
      e0(await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['e0'] }), 'commune'),
    ).toBeCloseTo(expectedE0(deaths), 10);
    expect(
      e0(await computeIndicators(engine, { source: 'mis', level: 'province', indicators: ['e0'] }), 'province'),
    ).toBeCloseTo(expectedE0(deaths), 10);
  });

  it('sees a write to the cube that changes its row count (the workspace loading saved rows)', async () => {
    await insertMis(deaths, 110);
    expect(
      find(await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['srb'] }), 'srb').value,
    ).toBeCloseTo(110, 10);
    await engine.query(`DELETE FROM cube WHERE element = 'births' AND sex = 'M'`);
    // No boys left: 0 boys per 100 girls (the girls' cells say the export has births by sex).
    expect(
      find(await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['srb'] }), 'srb').value,
    ).toBe(0);
  });
});
