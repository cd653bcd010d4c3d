import { beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type Engine } from '../../../analysis/engine/engine.js';
import { computeIndicators, type IndicatorResult } from '../../../analysis/indicators/index.js';
import { AGE_GROUPS, FERTILE_AGE_GROUPS } from '../../../analysis/model/age-groups.js';
import { emptyTablesEachTest, insertRows } from './helpers.js';

// What an MIS export leaves out is not computable, never 0: a commune missing from a year, a
// year given in part, persons checked given by quarter, age groups it does not have.
let engine: Engine;
emptyTablesEachTest((e) => (engine = e));

type MisRow = { commune_code: string; period: string; period_type: string; year: number; element: string; sex: string | null; age_group: string | null; value: number };
const row = (commune_code: string, period: string, element: string, value: number, sex: string | null = null, age_group: string | null = null): MisRow => ({
  commune_code, period, element, value, sex, age_group,
  period_type: period.includes('Q') ? 'quarter' : period.length === 7 ? 'month' : 'year',
  year: Number(period.slice(0, 4)),
});
const find = (rows: IndicatorResult[], indicator: string, unit: string, period: string) => {
  const r = rows.find((x) => x.indicator === indicator && x.unit_code === unit && x.period === period);
  if (!r) throw new Error(`no ${indicator} ${unit} ${period}`);
  return r;
};
// Communes not in the 2025 admin units roll up to province '??'.
const P = '??';

describe('a commune left out of a year of an MIS export', () => {
  beforeEach(async () => {
    // 00001: 1,000 people at every year-end, 20 births a year; 00002: 2,000 people and 40
    // births in 2024, and nothing at all for 2025.
    await insertRows(engine, 'mis', [
      ...['2023', '2024', '2025'].map((y) => row('00001', y, 'population', 1000)),
      row('00001', '2024', 'births', 20), row('00001', '2025', 'births', 20),
      row('00002', '2023', 'population', 2000), row('00002', '2024', 'population', 2000), row('00002', '2024', 'births', 40),
    ]);
  });

  it('is not computable for that year, with the reason, rather than 0 births in a population of 0', async () => {
    const res = await computeIndicators(engine, { source: 'mis', level: ['province', 'commune'], indicators: ['cbr', 'population'] });
    expect(find(res, 'cbr', '00001', '2025').value).toBeCloseTo(20, 12);
    expect(find(res, 'cbr', '00002', '2024').value).toBeCloseTo(20, 12);
    const gone = find(res, 'cbr', '00002', '2025');
    expect(gone).toMatchObject({ value: null, flag: 'not_computable', numerator: null, denominator: null });
    expect(gone.reason).toBe('Không có số liệu của xã năm 2025 · no figures for this commune in 2025');
    expect(find(res, 'population', '00002', '2025')).toMatchObject({ value: null, flag: 'not_computable' });
  });

  it('makes the province total of that year not computable, naming the commune; other years stand', async () => {
    const res = await computeIndicators(engine, { source: 'mis', level: 'province', indicators: ['cbr', 'population', 'e0'] });
    // 2024: (20 + 40) births over an average population of 3,000.
    expect(find(res, 'cbr', P, '2024').value).toBeCloseTo(20, 12);
    expect(find(res, 'population', P, '2024').value).toBe(3000);
    // Before: 2025 read 20 births over (3,000 + 1,000) / 2 = 10‰.
    const cbr = find(res, 'cbr', P, '2025');
    expect(cbr).toMatchObject({ value: null, flag: 'not_computable' });
    expect(cbr.reason).toBe('Thiếu số liệu cả năm 2025 của 1 xã: 00002 (00002) · 1 commune without figures for the whole of 2025: 00002 (00002)');
    expect(find(res, 'population', P, '2025').value).toBe(null);
  });

  it('also makes the next year not computable for that commune: its average population needs the year-end', async () => {
    await insertRows(engine, 'mis', [row('00001', '2026', 'population', 1000), row('00001', '2026', 'births', 20), row('00002', '2026', 'population', 2000), row('00002', '2026', 'births', 40)]);
    const res = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['cbr', 'population'] });
    expect(find(res, 'population', '00002', '2026').value).toBe(2000);
    expect(find(res, 'cbr', '00002', '2026')).toMatchObject({ value: null, flag: 'not_computable', reason: 'Không có số liệu của xã năm 2025 · no figures for this commune in 2025' });
    expect(find(res, 'cbr', '00001', '2026').value).toBeCloseTo(20, 12);
  });
});

describe('an MIS export that leaves out its zero counts', () => {
  it('reads a present commune without a row as 0, by year and by quarter', async () => {
    // 00002 had no deaths in 2025: the long export has no row for them, nor for its Q1 births.
    const q = (c: string, n: number, births: number, deaths: number) =>
      [row(c, `2025-Q${n}`, 'population', 1000), ...(births ? [row(c, `2025-Q${n}`, 'births', births)] : []), ...(deaths ? [row(c, `2025-Q${n}`, 'deaths', deaths)] : [])];
    await insertRows(engine, 'mis', [
      ...['2023', '2024'].flatMap((y) => [row('00001', y, 'population', 1000), row('00002', y, 'population', 1000)]),
      row('00001', '2024', 'deaths', 6), row('00001', '2024', 'births', 12), row('00002', '2024', 'births', 10),
      ...[1, 2, 3, 4].flatMap((n) => [...q('00001', n, 3, 2), ...q('00002', n, n === 1 ? 0 : 4, 0)]),
    ]);
    const res = await computeIndicators(engine, { source: 'mis', level: ['province', 'commune'], indicators: ['cdr', 'cbr'] });
    expect(find(res, 'cdr', '00002', '2024')).toMatchObject({ value: 0, numerator: 0 });
    expect(find(res, 'cdr', '00002', '2025')).toMatchObject({ value: 0, numerator: 0 });
    expect(find(res, 'cbr', '00002', '2025').numerator).toBe(12);
    // Province 2025: 8 + 0 deaths, 12 + 12 births over 2,000.
    expect(find(res, 'cdr', P, '2025').value).toBeCloseTo(4, 12);
    expect(find(res, 'cbr', P, '2025').value).toBeCloseTo(12, 12);
  });
});

describe('an MIS year given by quarter', () => {
  const quarters = (c: string, y: number, qs: number[], births: number, pop: number) =>
    qs.flatMap((q) => [row(c, `${y}-Q${q}`, 'births', births), row(c, `${y}-Q${q}`, 'population', pop)]);

  it('sums four quarters into the year, and gives no year from part of one', async () => {
    await insertRows(engine, 'mis', [
      row('00001', '2024', 'population', 1000), row('00002', '2024', 'population', 1000),
      ...quarters('00001', 2025, [1, 2, 3, 4], 5, 1000),
      // The export was cut at 30/06: two quarters, which summed would read as half the births.
      ...quarters('00002', 2025, [1, 2], 5, 1000),
    ]);
    const res = await computeIndicators(engine, { source: 'mis', level: ['province', 'commune'], indicators: ['cbr'] });
    expect(find(res, 'cbr', '00001', '2025').value).toBeCloseTo(20, 12);
    const part = find(res, 'cbr', '00002', '2025');
    expect(part).toMatchObject({ value: null, flag: 'not_computable' });
    expect(part.reason).toBe('Số liệu năm 2025 của xã chỉ đến kỳ 2025-Q2, chưa đủ cả năm · this commune\'s figures for 2025 run only to 2025-Q2, not a full year');
    expect(find(res, 'cbr', P, '2025').flag).toBe('not_computable');
    // Its quarters are there for the trends.
    const q = await computeIndicators(engine, { source: 'mis', level: 'commune', periodType: 'quarter', indicators: ['srb', 'cbr'] });
    expect(q.filter((r) => r.unit_code === '00002').map((r) => r.period)).toContain('2025-Q2');
  });

  it('when every commune has part of a year, the year is not reported at all', async () => {
    await insertRows(engine, 'mis', [row('00001', '2024', 'population', 1000), row('00001', '2024', 'births', 20), ...quarters('00001', 2025, [1, 2], 5, 1000)]);
    const res = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['cbr'] });
    expect(res.map((r) => r.period)).toEqual(['2024']);
    const [cells] = await queryRows<{ n: number }>(engine, `SELECT count(*) AS n FROM cube WHERE source = 'mis' AND period = '2025'`);
    expect(cells!.n).toBe(0);
  });

  it('does not add persons checked over quarters: one person checked twice is one person', async () => {
    const checks = (c: string) => [1, 2, 3, 4].map((q) => row(c, `2025-Q${q}`, 'elderly_checked', 60));
    await insertRows(engine, 'mis', [
      row('00001', '2025', 'population', 1000), row('00001', '2025', 'elderly', 100), ...checks('00001'),
      row('00002', '2025', 'population', 1000), row('00002', '2025', 'elderly', 100), row('00002', '2025', 'elderly_checked', 70),
    ]);
    const res = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['elderly_check'] });
    // Before: 240 of 100 persons, 240 %.
    const byQuarter = find(res, 'elderly_check', '00001', '2025');
    expect(byQuarter).toMatchObject({ value: null, flag: 'not_computable' });
    expect(byQuarter.reason).toMatch(/^Dữ liệu không có số người cao tuổi được khám trong cả năm/);
    expect(find(res, 'elderly_check', '00002', '2025').value).toBeCloseTo(70, 12);
  });
});

describe('a share whose numerator exceeds its denominator', () => {
  it('is not computable, and keeps both numbers', async () => {
    await insertRows(engine, 'mis', [row('00001', '2025', 'population', 1000), row('00001', '2025', 'elderly', 100), row('00001', '2025', 'elderly_checked', 106)]);
    const r = find(await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['elderly_check'] }), 'elderly_check', '00001', '2025');
    expect(r).toMatchObject({ value: null, lower: null, upper: null, numerator: 106, denominator: 100, flag: 'not_computable' });
    expect(r.reason).toBe('Tử số lớn hơn mẫu số (106 > 100): số liệu không khớp nhau · the numerator exceeds the denominator (106 > 100): the data disagree');
  });
});

describe('age groups an MIS export does not have', () => {
  it('women 15–49 by age are no population 60+: the elderly share is not computable, not 0 %', async () => {
    await insertRows(engine, 'mis', [
      row('00001', '2024', 'population', 2000), row('00001', '2025', 'population', 2000),
      ...FERTILE_AGE_GROUPS.flatMap((g) => [row('00001', '2024', 'population', 70, 'F', g), row('00001', '2025', 'population', 70, 'F', g)]),
      row('00001', '2025', 'deaths', 10),
    ]);
    const res = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['elderly_share', 'dependency_ratio', 'e0'] });
    expect(find(res, 'elderly_share', '00001', '2025')).toMatchObject({ value: null, flag: 'not_computable' });
    expect(find(res, 'elderly_share', '00001', '2025').reason).toBe('Dữ liệu không có số người cao tuổi (60+) · the figures have no count of persons 60+');
    expect(find(res, 'dependency_ratio', '00001', '2025').flag).toBe('not_computable');
    // Not "suppressed under 5,000 person-years": the data have no deaths by age.
    expect(find(res, 'e0', '00001', '2025')).toMatchObject({ flag: 'not_computable', reason: 'Dữ liệu không có số chết theo nhóm tuổi · the figures have no deaths by age group' });
  });

  it('population and deaths by age but not by sex: e₀ of each sex is not computable, not suppressed', async () => {
    const ages = ['0', '1-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59', '60-64', '65-69', '70-74', '75-79', '80-84', '85+'];
    await insertRows(engine, 'mis', [
      ...['2024', '2025'].flatMap((y) => ages.map((a) => row('00001', y, 'population', 1000, null, a))),
      ...ages.map((a, i) => row('00001', '2025', 'deaths', 1 + i, null, a)),
    ]);
    const res = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['e0', 'e0_male', 'e0_female'] });
    expect(find(res, 'e0', '00001', '2025').value).not.toBe(null);
    for (const code of ['e0_male', 'e0_female'])
      expect(find(res, code, '00001', '2025')).toMatchObject({
        value: null, flag: 'not_computable', reason: 'Dữ liệu không có số chết theo giới tính và nhóm tuổi · the figures have no deaths by sex and age group',
      });
  });
});

describe('an MIS year made of quarters whose breakdowns differ', () => {
  // Every quarter of 2025 has 10 births: Q1–Q2 by sex only (5 + 5, no stated total), Q3–Q4 as
  // a stated total only; a population of 4,000 at the end of 2024 and 2025.
  beforeEach(async () => {
    await insertRows(engine, 'mis', [
      row('00001', '2024', 'population', 4000),
      row('00001', '2025-Q4', 'population', 4000),
      ...['Q1', 'Q2'].flatMap((q) => [row('00001', `2025-${q}`, 'births', 5, 'M'), row('00001', `2025-${q}`, 'births', 5, 'F')]),
      ...['Q3', 'Q4'].map((q) => row('00001', `2025-${q}`, 'births', 10)),
    ]);
  });

  it("counts every quarter's births in the year, stated or summed from its breakdown", async () => {
    const res = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['cbr'], years: [2025, 2025] });
    // 40 births over an average population of 4,000: 10‰ (before: the two stated quarters only, 5‰).
    expect(find(res, 'cbr', '00001', '2025')).toMatchObject({ numerator: 40, denominator: 4000 });
  });

  it('gives no sex breakdown for the year when only some quarters have it', async () => {
    const res = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['srb'], years: [2025, 2025] });
    // Before: SRB 100 from the 10 boys and 10 girls of Q1–Q2, as if the year's.
    const srb = find(res, 'srb', '00001', '2025');
    expect(srb).toMatchObject({ value: null, flag: 'not_computable' });
  });
});

describe("a commune's year without a breakdown that other communes give", () => {
  // 00002 gives 2025 by year, women and births by age; 00001 by quarter, its births by the
  // mother's age in Q1–Q2 only (Q3–Q4 as totals). Every fertile age group has 100 women.
  beforeEach(async () => {
    const women = (c: string, period: string) => FERTILE_AGE_GROUPS.map((a) => row(c, period, 'population', 100, 'F', a));
    await insertRows(engine, 'mis', [
      ...women('00002', '2024'), ...women('00002', '2025'),
      ...FERTILE_AGE_GROUPS.map((a) => row('00002', '2025', 'births', 5, null, a)),
      ...women('00001', '2024'), ...women('00001', '2025-Q4'),
      ...['Q1', 'Q2'].flatMap((q) => FERTILE_AGE_GROUPS.map((a) => row('00001', `2025-${q}`, 'births', 1, null, a))),
      ...['Q3', 'Q4'].map((q) => row('00001', `2025-${q}`, 'births', 7)),
    ]);
  });

  it('is not computable for that commune and the province, not the half year of births by age', async () => {
    const res = await computeIndicators(engine, { source: 'mis', level: ['province', 'commune'], indicators: ['tfr', 'cbr'], years: [2025, 2025] });
    // 00002: 5 × 7 groups × 5 / 100 = 1.75.
    expect(find(res, 'tfr', '00002', '2025').value).toBeCloseTo(1.75, 12);
    // Before: 00001's TFR was 5 × 7 × 2 / 100 = 0.7 from Q1–Q2, and the province's 1.225.
    // The reason holds for the commune's figures as for a whole export without the breakdown.
    const reason = 'Dữ liệu không có số sinh theo tuổi mẹ · the figures have no births by mother’s age';
    expect(find(res, 'tfr', '00001', '2025')).toMatchObject({ value: null, flag: 'not_computable', reason });
    expect(find(res, 'tfr', P, '2025')).toMatchObject({ value: null, flag: 'not_computable', reason });
    // Its births as a total are whole: 14 + 14 of the four quarters.
    expect(find(res, 'cbr', '00001', '2025').numerator).toBe(28);
  });
});

describe('a partial breakdown, or one a commune has no row of, reads as 0 (review of the above)', () => {
  it('infant deaths as the only deaths by age: IMR of a commune without any, and of the province', async () => {
    await insertRows(engine, 'mis', [
      row('00001', '2024', 'population', 1000), row('00001', '2025', 'population', 1000),
      row('00001', '2025', 'births', 100), row('00001', '2025', 'deaths', 10), row('00001', '2025', 'deaths', 1, null, '0'),
      row('00002', '2024', 'population', 1000), row('00002', '2025', 'population', 1000),
      row('00002', '2025', 'births', 80), row('00002', '2025', 'deaths', 8),
    ]);
    const res = await computeIndicators(engine, { source: 'mis', level: ['province', 'commune'], indicators: ['imr'], years: [2025, 2025] });
    expect(find(res, 'imr', '00001', '2025').value).toBeCloseTo(10, 12);
    expect(find(res, 'imr', '00002', '2025').value).toBe(0);
    expect(find(res, 'imr', P, '2025').value).toBeCloseTo((1 / 180) * 1000, 12);
  });

  it('infant deaths in one quarter of a year made of quarters', async () => {
    await insertRows(engine, 'mis', [
      row('00001', '2024', 'population', 1000), row('00001', '2025-Q4', 'population', 1000),
      ...['Q1', 'Q2', 'Q3', 'Q4'].flatMap((q) => [row('00001', `2025-${q}`, 'births', 25), row('00001', `2025-${q}`, 'deaths', 3)]),
      row('00001', '2025-Q1', 'deaths', 1, null, '0'),
    ]);
    const res = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['imr'], years: [2025, 2025] });
    expect(find(res, 'imr', '00001', '2025').value).toBeCloseTo(10, 12);
  });

  it("male life expectancy of a province one of whose communes had no male deaths", async () => {
    const pop = (c: string, y: string) => ['M', 'F'].flatMap((s) => AGE_GROUPS.map((a) => row(c, y, 'population', 1000, s, a)));
    await insertRows(engine, 'mis', [
      ...pop('00001', '2024'), ...pop('00001', '2025'), ...pop('00002', '2024'), ...pop('00002', '2025'),
      ...['M', 'F'].flatMap((s) => AGE_GROUPS.map((a, i) => row('00001', '2025', 'deaths', 1 + i, s, a))),
      row('00002', '2025', 'deaths', 2, 'F', '80-84'), row('00002', '2025', 'deaths', 3, 'F', '85+'),
    ]);
    const res = await computeIndicators(engine, { source: 'mis', level: ['province', 'commune'], indicators: ['e0_male'], years: [2025, 2025] });
    expect(find(res, 'e0_male', P, '2025').flag).not.toBe('not_computable');
    expect(find(res, 'e0_male', P, '2025').value).toBeGreaterThan(0);
  });
});

describe("a year-end given by the fourth quarter and by December", () => {
  it('takes the total the export states before one summed from a breakdown', async () => {
    // Q4 by sex only (500 + 510), December by sex and with a stated total of 1,000 (review case).
    await insertRows(engine, 'mis', [
      row('00001', '2025-Q4', 'population', 500, 'M'), row('00001', '2025-Q4', 'population', 510, 'F'),
      row('00001', '2025-12', 'population', 500, 'M'), row('00001', '2025-12', 'population', 510, 'F'), row('00001', '2025-12', 'population', 1000),
    ]);
    const res = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['population'], years: [2025, 2025] });
    expect(find(res, 'population', '00001', '2025').value).toBe(1000);
  });
});
