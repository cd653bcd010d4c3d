import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../analysis/engine/engine.js';
import { computeIndicators, INDICATORS, lifeTable, LIFE_TABLE_AGES, type IndicatorResult } from '../../../analysis/indicators/index.js';
import { AGE_GROUPS, FERTILE_AGE_GROUPS } from '../../../analysis/model/age-groups.js';
import { emptyTablesEachTest, insertRows } from './helpers.js';

let engine: Engine;
emptyTablesEachTest((e) => (engine = e));

type MisRow = { commune_code: string; period: string; period_type: string; year: number; element: string; sex: string | null; age_group: string | null; value: number };
const mis = (commune_code: string, year: number, element: string, sex: string | null, age_group: string | null, value: number): MisRow => ({
  commune_code, period: String(year), period_type: 'year', year, element, sex, age_group, value,
});
const find = (rows: IndicatorResult[], indicator: string, unit: string, period: string) => {
  const r = rows.find((x) => x.indicator === indicator && x.unit_code === unit && x.period === period);
  if (!r) throw new Error(`no ${indicator} ${unit} ${period}`);
  return r;
};

describe('TFR (DHS model data, shared/references.md)', () => {
  it('5 × 943 / 1000 = 4.715 from births and women by age', async () => {
    const asfr = [119, 207, 216, 188, 125, 60, 28];
    const rows: MisRow[] = [];
    FERTILE_AGE_GROUPS.forEach((g, i) => {
      // 1000 women in each group at both year ends → W̄ = 1000 and ASFR = births.
      rows.push(mis('00001', 2023, 'population', 'F', g, 1000), mis('00001', 2024, 'population', 'F', g, 1000));
      rows.push(mis('00001', 2024, 'births', null, g, asfr[i]!));
    });
    await insertRows(engine, 'mis', rows);
    const res = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['tfr', 'asfr_20_24', 'gfr'] });
    const tfr = find(res, 'tfr', '00001', '2024');
    expect(tfr.value).toBeCloseTo(4.715, 12);
    expect(tfr.numerator).toBe(943);
    expect(tfr.events).toBe(943);
    // Var = 25 Σ Bₐ / W̄ₐ² = 25 × 943 / 10⁶.
    expect(tfr.upper! - tfr.value!).toBeCloseTo(1.959963985 * Math.sqrt((25 * 943) / 1e6), 8);
    expect(find(res, 'asfr_20_24', '00001', '2024').value).toBeCloseTo(207, 10);
    expect(find(res, 'gfr', '00001', '2024').value).toBeCloseTo((943 / 7000) * 1000, 10);
    // 2023 has stocks only: it serves the average population of 2024 and is not reported.
    expect(res.some((r) => r.period === '2023')).toBe(false);
  });
  it('is not computable when the export has no births by mother’s age', async () => {
    await insertRows(engine, 'mis', [
      ...FERTILE_AGE_GROUPS.flatMap((g) => [mis('00001', 2023, 'population', 'F', g, 500), mis('00001', 2024, 'population', 'F', g, 500)]),
      mis('00001', 2024, 'births', 'M', null, 40),
      mis('00001', 2024, 'births', 'F', null, 38),
    ]);
    const res = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['tfr', 'srb', 'gfr'] });
    const tfr = find(res, 'tfr', '00001', '2024');
    expect(tfr.flag).toBe('not_computable');
    expect(tfr.reason).toContain('no births by mother’s age');
    expect(find(res, 'gfr', '00001', '2024').value).toBeCloseTo((78 / 3500) * 1000, 10);
    expect(find(res, 'srb', '00001', '2024').value).toBeCloseTo((100 * 40) / 38, 10);
  });
});

describe('SRB through the engine (shared/references.md)', () => {
  it('reproduces the Wilson intervals and the change between years', async () => {
    await insertRows(engine, 'mis', [
      mis('00001', 2023, 'births', 'M', null, 540), mis('00001', 2023, 'births', 'F', null, 460),
      mis('00001', 2024, 'births', 'M', null, 5300), mis('00001', 2024, 'births', 'F', null, 4700),
    ]);
    const res = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['srb', 'srb_change'] });
    const a = find(res, 'srb', '00001', '2023');
    expect(a.value).toBeCloseTo(117.39, 2);
    expect(a.lower).toBeCloseTo(103.67, 2);
    expect(a.upper).toBeCloseTo(132.93, 2);
    expect(a.numerator).toBe(540);
    expect(a.denominator).toBe(460);
    expect(a.events).toBe(1000);
    const b = find(res, 'srb', '00001', '2024');
    expect(b.lower).toBeCloseTo(108.42, 2);
    expect(b.upper).toBeCloseTo(117.28, 2);
    const c = find(res, 'srb_change', '00001', '2024');
    expect(c.value).toBeCloseTo(b.value! - a.value!, 10);
    // SE by the delta method: SRB × √(1/M + 1/F) in each year.
    const se = Math.hypot(a.value! * Math.sqrt(1 / 540 + 1 / 460), b.value! * Math.sqrt(1 / 5300 + 1 / 4700));
    expect(c.upper! - c.value!).toBeCloseTo(1.959963985 * se, 6);
    expect(find(res, 'srb_change', '00001', '2023').flag).toBe('not_computable');
  });
});

describe('CBR change through the engine', () => {
  it('is the difference of the two years, with a normal interval on their Poisson errors', async () => {
    await insertRows(engine, 'mis', [
      mis('00001', 2022, 'population', 'T', null, 10000),
      mis('00001', 2023, 'population', 'T', null, 10200), mis('00001', 2023, 'births', 'T', null, 200),
      mis('00001', 2024, 'population', 'T', null, 10400), mis('00001', 2024, 'births', 'T', null, 180),
    ]);
    const res = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['cbr', 'cbr_change'] });
    const [b23, b24, p23, p24] = [200, 180, (10000 + 10200) / 2, (10200 + 10400) / 2];
    expect(find(res, 'cbr', '00001', '2023').value).toBeCloseTo((1000 * b23) / p23, 10);
    const c = find(res, 'cbr_change', '00001', '2024');
    expect(c.flag).toBe('');
    expect(c.value).toBeCloseTo((1000 * b24) / p24 - (1000 * b23) / p23, 10);
    const se = Math.hypot((1000 * Math.sqrt(b23)) / p23, (1000 * Math.sqrt(b24)) / p24);
    expect(c.upper! - c.value!).toBeCloseTo(1.959963985 * se, 6);
    expect(c.value! - c.lower!).toBeCloseTo(1.959963985 * se, 6);
  });
});

describe('EB smoothing through the engine (shared/references.md)', () => {
  it('smooths commune crude birth rates toward the global rate', async () => {
    const counts = [2, 40, 0, 30, 25];
    const pops = [500, 2000, 300, 10000, 1500];
    const rows: MisRow[] = [];
    counts.forEach((n, i) => {
      // Codes of no commune of the 2025 list: one province ('??'), as smoothing groups by province (00004 is Ba Đình, Hà Nội).
      const c = `9990${i + 1}`;
      rows.push(mis(c, 2023, 'population', null, null, pops[i]!), mis(c, 2024, 'population', null, null, pops[i]!), mis(c, 2024, 'births', null, null, n));
    });
    await insertRows(engine, 'mis', rows);
    const res = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['cbr'], smooth: 'eb', years: [2024, 2024] });
    const expected = [4.6611, 19.0451, 2.3182, 3.058, 15.7369];
    const raw = [4.0, 20.0, 0.0, 3.0, 16.667];
    counts.forEach((_, i) => {
      const r = find(res, 'cbr', `9990${i + 1}`, '2024');
      expect(r.value).toBeCloseTo(raw[i]!, 3);
      expect(r.smoothed).toBeCloseTo(expected[i]!, 4);
    });
  });
});

describe('EB smoothing of the SRB and the TFR', () => {
  // Expected values worked out independently (Python, Marshall's formula of
  // shared/indicators.md): the SRB on the share of boys among births, n = boys, x = births,
  // with binomial chance variation b(1 − b)/x, then boys per 100 girls = 100 p / (1 − p);
  // the TFR as 5 × Σ of the smoothed ASFRs (Poisson, as rates).
  it('shrinks a small commune’s SRB more than a large one’s, through the share of boys', async () => {
    // Communes of about 105 and 125 (1,000–2,300 births): real differences, which the
    // smoothing keeps in part. With Poisson chance variation (b/x, twice b(1 − b)/x) they
    // would shrink twice as far: 111.1 for the first, not 107.6.
    const boys = [1050, 1250, 525, 1300, 700, 900, 1040, 620];
    const girls = [1000, 1000, 500, 1040, 660, 720, 1000, 500];
    await insertRows(engine, 'mis', boys.flatMap((m, i) => [mis(`9990${i + 1}`, 2024, 'births', 'M', null, m), mis(`9990${i + 1}`, 2024, 'births', 'F', null, girls[i]!)]));
    const res = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['srb'], smooth: 'eb', years: [2024, 2024] });
    // b = 7385 / 13805; a = 0.000324109.
    const expected = [107.638782, 122.377608, 109.178399, 122.452697, 109.209331, 121.69581, 106.90184, 120.264096];
    boys.forEach((m, i) => {
      const r = find(res, 'srb', `9990${i + 1}`, '2024');
      expect(r.value).toBeCloseTo((100 * m) / girls[i]!, 10);
      expect(r.smoothed).toBeCloseTo(expected[i]!, 5);
    });
  });
  it('leaves a commune where no girl was born out of the SRB’s smoothing: not computable, not counted in the mean', async () => {
    const boys = [1050, 1250, 5, 1300];
    const girls = [1000, 1000, 0, 1040];
    await insertRows(engine, 'mis', boys.flatMap((m, i) => [mis(`9990${i + 1}`, 2024, 'births', 'M', null, m), mis(`9990${i + 1}`, 2024, 'births', 'F', null, girls[i]!)]));
    const res = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['srb'], smooth: 'eb', years: [2024, 2024] });
    const none = find(res, 'srb', '99903', '2024');
    expect(none.flag).toBe('not_computable');
    expect(none.smoothed).toBeNull();
    // Python, binomial, on the three other communes alone: b = 3600 / 6640, a = 0.000289104.
    const expected = [108.787032, 123.143612, 123.195427];
    ['99901', '99902', '99904'].forEach((c, i) => expect(find(res, 'srb', c, '2024').smoothed).toBeCloseTo(expected[i]!, 5));
  });
  it('smooths a TFR asked alone, from its age-specific rates', async () => {
    // Women in each age group at both year ends; the third commune has no woman of 45–49
    // and no birth there: that group adds 0 to its TFR, raw and smoothed, and stays out of
    // the 45–49 rate's mean.
    const women = [[200, 200, 200, 200, 200, 200, 200], [400, 400, 400, 400, 400, 400, 400], [100, 100, 100, 100, 100, 100, 0]];
    const births = [[10, 40, 45, 30, 15, 5, 1], [30, 90, 80, 50, 20, 8, 2], [2, 30, 25, 12, 4, 1, 0]];
    const rows: MisRow[] = [];
    women.forEach((w, c) =>
      FERTILE_AGE_GROUPS.forEach((g, i) => {
        rows.push(mis(`9990${c + 1}`, 2023, 'population', 'F', g, w[i]!), mis(`9990${c + 1}`, 2024, 'population', 'F', g, w[i]!));
        rows.push(mis(`9990${c + 1}`, 2024, 'births', null, g, births[c]![i]!));
      }),
    );
    await insertRows(engine, 'mis', rows);
    const res = await computeIndicators(engine, { source: 'mis', level: ['province', 'commune'], indicators: ['tfr'], smooth: 'eb', years: [2024, 2024] });
    expect(new Set(res.map((r) => r.indicator))).toEqual(new Set(['tfr']));
    const raw = [3.65, 3.5, 3.7];
    const expected = [3.56, 3.609615385, 3.514705882];
    women.forEach((_, c) => {
      const r = find(res, 'tfr', `9990${c + 1}`, '2024');
      expect(r.value).toBeCloseTo(raw[c]!, 10);
      expect(r.smoothed).toBeCloseTo(expected[c]!, 8);
    });
    // The province is its own mean: 5 × Σ (all births / all women) by age group.
    const province = res.find((r) => r.level === 'province')!;
    expect(province.value).toBeCloseTo(3.575, 10);
    expect(province.smoothed).toBe(province.value);
  });
});

describe('pooling, roll-ups and flags', () => {
  it('pools k years by summing numerators and denominators, labelled 2023-2025', async () => {
    const rows: MisRow[] = [];
    for (const [c, prov] of [['00001', 1], ['00002', 2]] as const) {
      for (let y = 2022; y <= 2025; y++) rows.push(mis(c, y, 'population', null, null, 1000 * prov + 10 * (y - 2022)));
      for (let y = 2023; y <= 2025; y++) rows.push(mis(c, y, 'births', null, null, 5 * prov + (y - 2023)), mis(c, y, 'deaths', null, null, 3));
    }
    await insertRows(engine, 'mis', rows);
    const res = await computeIndicators(engine, { source: 'mis', indicators: ['cbr', 'population', 'pop_avg', 'nir'], pool: 3 });
    const cbr = find(res, 'cbr', '00001', '2023-2025');
    // births 5 + 6 + 7 = 18; person-years (1000+1010)/2 + (1010+1020)/2 + (1020+1030)/2 = 3045.
    expect(cbr.numerator).toBe(18);
    expect(cbr.denominator).toBe(3045);
    expect(cbr.value).toBeCloseTo((18 / 3045) * 1000, 12);
    expect(cbr.flag).toBe('unreliable');
    expect(find(res, 'population', '00001', '2023-2025').value).toBe(1030);
    expect(find(res, 'pop_avg', '00001', '2023-2025').value).toBeCloseTo(1015, 12);
    // Only one 3-year window fits 2023–2025.
    expect(res.filter((r) => r.indicator === 'cbr' && r.level === 'commune')).toHaveLength(2);
    // The province sums the communes: births 18 + 33, person-years 3045 + 6045.
    const prov = res.find((r) => r.indicator === 'cbr' && r.level === 'province')!;
    expect(prov.unit_code).toBe('??');
    expect(prov.numerator).toBe(51);
    expect(prov.denominator).toBe(9090);
    expect(prov.flag).toBe('');
    const nir = find(res, 'nir', '00002', '2023-2025');
    expect(nir.value).toBeCloseTo((100 * (33 - 9)) / 6045, 12);
    expect(nir.upper! - nir.value!).toBeCloseTo((1.959963985 * 100 * Math.sqrt(42)) / 6045, 8);
  });
  it('has one registry entry per indicator of indicators.md', () => {
    const codes = INDICATORS.map((d) => d.code);
    for (const c of [
      'population', 'pop_avg', 'cbr', 'cdr', 'nir', 'growth_rate', 'in_migration_rate', 'out_migration_rate', 'gfr',
      'asfr_15_19', 'asfr_20_24', 'asfr_25_29', 'asfr_30_34', 'asfr_35_39', 'asfr_40_44', 'asfr_45_49', 'tfr',
      'adolescent_birth_rate', 'srb', 'srb_change', 'cbr_change', 'births_order_3plus_pct', 'imr', 'e0',
      'prenatal_screening', 'newborn_screening', 'premarital_check', 'child_marriage', 'consanguineous_marriage', 'mcpr',
      'new_acceptors', 'elderly_check', 'elderly_share', 'ageing_index', 'dependency_ratio', 'child_dependency_ratio',
      'old_dependency_ratio', 'sex_ratio',
    ])
      expect(codes).toContain(c);
    expect(new Set(codes).size).toBe(codes.length);
    for (const d of INDICATORS) {
      expect(d.nameVi.length).toBeGreaterThan(0);
      expect(d.nameEn.length).toBeGreaterThan(0);
    }
  });
});

describe('life expectancy through the engine', () => {
  // Population and deaths by age group (85+ open) for one commune, the same at both year-ends.
  const pop = [700, 3500, 4700, 4800, 4300, 3800, 4600, 5700, 6100, 5500, 5000, 5600, 4600, 4000, 3800, 3700, 3300, 2300, 2400];
  const deaths = [7, 2, 1, 1, 2, 2, 3, 4, 6, 8, 12, 19, 30, 38, 60, 95, 140, 170, 400];
  beforeEach(async () => {
    const rows: MisRow[] = [];
    AGE_GROUPS.forEach((g, i) => {
      rows.push(mis('00001', 2023, 'population', null, g, pop[i]!), mis('00001', 2024, 'population', null, g, pop[i]!));
      rows.push(mis('00001', 2024, 'deaths', null, g, deaths[i]!));
    });
    await insertRows(engine, 'mis', rows);
  });
  it('Coale–Demeny by default, Chiang II as a setting, both sexes', async () => {
    for (const method of ['cd', 'chiang2'] as const) {
      const res = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['e0'], lifeTable: method });
      const expected = lifeTable({ ages: LIFE_TABLE_AGES, deaths, population: pop, sex: 'T', method })!;
      const e0 = find(res, 'e0', '00001', '2024');
      expect(e0.value).toBeCloseTo(expected.e0, 10);
      expect(e0.lower).toBeCloseTo(expected.lower, 10);
      expect(e0.numerator).toBe(deaths.reduce((a, b) => a + b, 0));
      expect(e0.denominator).toBe(pop.reduce((a, b) => a + b, 0));
    }
  });
  it('pools k years: deaths of the window, person-years from its year-ends (the outer two count half)', async () => {
    // A third year-end with other numbers: 2022, 2023 and 2024 differ, so a wrong weighting shows.
    const pop22 = pop.map((p, i) => p + 50 * (i % 3));
    const deaths23 = deaths.map((d, i) => d + (i % 2));
    await engine.query(`DELETE FROM mis WHERE year = 2023 AND element = 'population'`);
    await insertRows(engine, 'mis', [
      ...AGE_GROUPS.map((g, i) => mis('00001', 2022, 'population', null, g, pop22[i]!)),
      ...AGE_GROUPS.map((g, i) => mis('00001', 2023, 'population', null, g, pop[i]! + 10)),
      ...AGE_GROUPS.map((g, i) => mis('00001', 2023, 'deaths', null, g, deaths23[i]!)),
    ]);
    const res = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['e0'], pool: 2 });
    // 2023–2024: P̄2023 + P̄2024 = (P22 + P23) / 2 + (P23 + P24) / 2.
    const py = AGE_GROUPS.map((_, i) => pop22[i]! / 2 + (pop[i]! + 10) + pop[i]! / 2);
    const d = AGE_GROUPS.map((_, i) => deaths23[i]! + deaths[i]!);
    const expected = lifeTable({ ages: LIFE_TABLE_AGES, deaths: d, population: py, sex: 'T', method: 'cd' })!;
    const e0 = find(res, 'e0', '00001', '2023-2024');
    expect(e0.value).toBeCloseTo(expected.e0, 10);
    expect(e0.upper).toBeCloseTo(expected.upper, 10);
    expect(e0.numerator).toBe(d.reduce((a, b) => a + b, 0));
    expect(e0.denominator).toBeCloseTo(py.reduce((a, b) => a + b, 0), 9);
  });
  it('by sex is not computable without deaths by sex, and e0 is suppressed under 5,000 person-years', async () => {
    const res = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['e0_male'] });
    expect(find(res, 'e0_male', '00001', '2024').flag).not.toBe('');
    await engine.query(`UPDATE mis SET value = value / 100 WHERE element = 'population'`);
    await engine.query('DROP TABLE cube');
    const small = find(await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['e0'] }), 'e0', '00001', '2024');
    expect(small.flag).toBe('suppressed');
    expect(small.value).toBeNull();
    expect(small.reason).toContain('5,000 person-years');
    // What to do about it: the years a pooling needs at this population (its person-years are the denominator).
    expect(small.reason).toContain(`pool about ${Math.ceil(5000 / small.denominator!)} years`);
    expect(small.reason).toMatch(/^Dưới 5\.000 người-năm \([\d.]+\): cần gộp khoảng \d+ năm · /);
    // A population so small that even ten years would not do: said, not a number of years.
    await engine.query(`UPDATE mis SET value = value / 100 WHERE element = 'population'`);
    await engine.query('DROP TABLE cube');
    const tiny = find(await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['e0'] }), 'e0', '00001', '2024');
    expect(tiny.denominator! * 10).toBeLessThan(5000);
    expect(tiny.reason).toContain('too few even over 10 years');
    expect(tiny.reason).not.toMatch(/pool about/);
  });
  it('runs concurrent computations one after the other', async () => {
    const [a, b] = await Promise.all([
      computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['e0'] }),
      computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['cdr'], years: [2024, 2024] }),
    ]);
    expect(a.map((r) => r.indicator)).toContain('e0');
    expect(b.map((r) => `${r.indicator} ${r.level} ${r.period}`)).toEqual(['cdr commune 2024']);
  });
});

describe('an A0 workspace with some tables only', () => {
  it('a register alone gives its stocks over the years it records leavers, and what needs another table is not computable', async () => {
    // Commune 11674: three residents since 2015, one who left in 2023, one who entered in 2024.
    const p = (o: Record<string, string>) => ({ commune_code: '11674', residence_status: 'thuong_tru', entry_date: '2015-01-01', ...o });
    await insertRows(engine, 'nhan_khau', [
      p({ person_id: 'A', sex: 'F', birth_date: '1950-05-01' }),
      p({ person_id: 'B', sex: 'M', birth_date: '1985-05-01' }),
      p({ person_id: 'C', sex: 'F', birth_date: '2015-05-01', exit_date: '2023-08-01' }),
      p({ person_id: 'D', sex: 'M', birth_date: '1990-01-01', entry_date: '2024-03-01' }),
    ]);
    const res = await computeIndicators(engine, { source: 'a0', level: 'commune' });
    // Years 2023 (the first with a leaver) to 2024 (the last entry): year-ends of 2022–2024.
    expect(res.filter((r) => r.indicator === 'population').map((r) => [r.period, r.value])).toEqual([['2022', 3], ['2023', 2], ['2024', 3]]);
    expect(find(res, 'pop_avg', '11674', '2023').value).toBe((3 + 2) / 2);
    // A (73 in 2023) of A and B: 50%.
    expect(find(res, 'elderly_share', '11674', '2023').value).toBe(50);
    // No births file: not 0 births, and no partial sums as if they were its numbers.
    const cbr = find(res, 'cbr', '11674', '2024');
    expect(cbr).toMatchObject({ value: null, flag: 'not_computable', numerator: null, denominator: null, events: null });
    expect(cbr.reason).toBe('Chưa nhập sổ sinh (sinh) · no births (sinh) file imported');
    expect(find(res, 'tfr', '11674', '2024').flag).toBe('not_computable');
    expect(find(res, 'e0', '11674', '2024')).toMatchObject({ flag: 'not_computable', numerator: null, denominator: null, reason: 'Chưa nhập sổ chết (chet) · no deaths (chet) file imported' });
    // Every table an indicator needs is named: modern users and married women.
    expect(find(res, 'mcpr', '11674', '2024').reason).toBe(
      'Chưa nhập sổ biện pháp tránh thai (bptt), sổ kết hôn (ket_hon) · no contraception (bptt), marriages (ket_hon) files imported',
    );
    expect(find(res, 'elderly_check', '11674', '2024').reason).toBe('Chưa nhập sổ khám sức khỏe người cao tuổi (kham_nct) · no elderly check-ups (kham_nct) file imported');
  });
  it('a file none of whose records falls in the years computed is named as such, not as not imported', async () => {
    const p = (o: Record<string, string>) => ({ commune_code: '11674', residence_status: 'thuong_tru', entry_date: '2015-01-01', ...o });
    await insertRows(engine, 'nhan_khau', [
      p({ person_id: 'A', sex: 'F', birth_date: '1950-05-01' }),
      p({ person_id: 'C', sex: 'F', birth_date: '2015-05-01', exit_date: '2023-08-01' }),
      p({ person_id: 'D', sex: 'M', birth_date: '1990-01-01', entry_date: '2024-03-01' }),
    ]);
    // Checks of 2019 only: the register's years are 2022–2024.
    await insertRows(engine, 'kham_nct', [{ commune_code: '11674', person_id: 'A', check_date: '2019-04-02' }]);
    const res = await computeIndicators(engine, { source: 'a0', level: 'commune', indicators: ['elderly_check', 'cbr', 'mcpr'] });
    expect(find(res, 'elderly_check', '11674', '2024')).toMatchObject({ value: null, flag: 'not_computable', numerator: null });
    expect(find(res, 'elderly_check', '11674', '2024').reason).toBe(
      'Sổ khám sức khỏe người cao tuổi (kham_nct) không có bản ghi nào được tính trong 2022–2024 · ' +
        'none of the records of elderly check-ups (kham_nct) counts in 2022–2024',
    );
    // Tables never imported are still said to be so.
    expect(find(res, 'cbr', '11674', '2024').reason).toBe('Chưa nhập sổ sinh (sinh) · no births (sinh) file imported');
    // Both kinds in one reason: married women (ket_hon) and modern users (bptt), with a
    // contraception file of other years.
    await insertRows(engine, 'bptt', [{ commune_code: '11674', person_id: 'A', method: 'pill', modern: true, start_date: '1990-01-01', end_date: '1995-01-01', new_acceptor: false }]);
    await engine.query('DROP TABLE cube');
    const both = await computeIndicators(engine, { source: 'a0', level: 'commune', indicators: ['mcpr'] });
    expect(find(both, 'mcpr', '11674', '2024').reason).toBe(
      'Chưa nhập sổ kết hôn (ket_hon); sổ biện pháp tránh thai (bptt) không có bản ghi nào được tính trong 2022–2024 · ' +
        'no marriages (ket_hon) file imported; none of the records of contraception (bptt) counts in 2022–2024',
    );
  });
  it('births alone, without a register or MIS export, are read as A0: the SRB and the screening, with the communes named', async () => {
    // A station's births export of 2024: 3 boys, 2 girls in Khao Mang (04465, Lào Cai 15);
    // 1 boy, 1 girl in Lục Yên (04303); three of the seven screened. Each commune's last birth
    // is in December, so 2024 is a whole year of its registers.
    const b = (commune_code: string, mother_id: string, sex: string, date: string, screened: boolean) => ({
      commune_code, mother_id, mother_birth_date: '1995-03-01', birth_date: date, sex,
      ...(screened ? { newborn_screening_date: date, newborn_screening_diseases: 5 } : {}),
    });
    await insertRows(engine, 'sinh', [
      b('04465', 'M1', 'M', '2024-01-10', true), b('04465', 'M2', 'M', '2024-04-10', false), b('04465', 'M3', 'M', '2024-07-10', false),
      b('04465', 'M4', 'F', '2024-09-10', true), b('04465', 'M5', 'F', '2024-12-10', false),
      b('04303', 'M6', 'M', '2024-02-10', true), b('04303', 'M7', 'F', '2024-12-20', false),
    ]);
    // No source given: the app's and the CLI's default.
    const res = await computeIndicators(engine, { level: ['province', 'commune'], indicators: ['srb', 'newborn_screening', 'cbr'] });
    expect(find(res, 'srb', '04465', '2024')).toMatchObject({ unit_name: 'Xã Khao Mang', value: (100 * 3) / 2, numerator: 3, denominator: 2 });
    expect(find(res, 'srb', '04303', '2024')).toMatchObject({ value: 100, numerator: 1, denominator: 1 });
    // The province sums its communes, under its own code and name (not '??').
    expect(find(res, 'srb', '15', '2024')).toMatchObject({ level: 'province', unit_name: 'Lào Cai', value: (100 * 4) / 3, numerator: 4, denominator: 3 });
    expect(find(res, 'newborn_screening', '15', '2024')).toMatchObject({ value: (100 * 3) / 7, numerator: 3, denominator: 7 });
    // What needs the register says so.
    expect(find(res, 'cbr', '04465', '2024')).toMatchObject({ value: null, flag: 'not_computable' });
    expect(find(res, 'cbr', '04465', '2024').reason).toContain('(nhan_khau)');
  });
  it("births of a commune the register lacks stay out of the province's rates", async () => {
    // Review of 63838c4: 400 persons on 04465's register; 24 births a year in 04465 and in
    // 04303, whose register was not imported. Province 15's CBR is 04465's, 24 / 400 = 60 ‰
    // (it read 48 / 400 = 120 ‰); 04303's births go to the province of unknown communes.
    await insertRows(engine, 'nhan_khau', Array.from({ length: 400 }, (_, i) => ({
      commune_code: '04465', person_id: `P${i}`, sex: i % 2 ? 'M' : 'F', birth_date: '1980-01-01', residence_status: 'thuong_tru', entry_date: '2015-01-01',
    })));
    const births = (c: string) => Array.from({ length: 48 }, (_, i) => ({
      commune_code: c, mother_id: `${c}-M${i}`, mother_birth_date: '1995-01-01', birth_date: `${2023 + (i % 2)}-${String((i % 12) + 1).padStart(2, '0')}-15`, sex: 'F',
    }));
    await insertRows(engine, 'sinh', [...births('04465'), ...births('04303')]);
    const res = await computeIndicators(engine, { level: ['province', 'commune'], indicators: ['cbr'] });
    expect(find(res, 'cbr', '15', '2024')).toMatchObject({ value: 60, numerator: 24, denominator: 400 });
    expect(find(res, 'cbr', '04465', '2024')).toMatchObject({ value: 60, numerator: 24 });
    expect(find(res, 'cbr', '04303', '2024')).toMatchObject({ unit_name: 'Xã Lục Yên', value: null, flag: 'not_computable' });
    expect(find(res, 'cbr', '??', '2024').level).toBe('province');
  });
  it("a commune on the register without any birth where its population would give many: its births file was left out, not 0", async () => {
    // 1,000 persons in 04465 and in 04303, 100 in 04456; births 2023–2024 only in 04465 (24 a
    // year). At the rate of all communes (48 births over 4,200 person-years) 04303 would have
    // about 23: its CBR and the province's are not computable (they read 0 ‰ and 12 ‰
    // unflagged). 04456 would have about 2, and none is quite possible: its 0 stands.
    const people = (c: string, n: number) => Array.from({ length: n }, (_, i) => ({
      commune_code: c, person_id: `${c}-P${i}`, sex: i % 2 ? 'M' : 'F', birth_date: '1980-01-01', residence_status: 'thuong_tru', entry_date: '2015-01-01',
    }));
    await insertRows(engine, 'nhan_khau', [...people('04465', 1000), ...people('04303', 1000), ...people('04456', 100)]);
    await insertRows(engine, 'sinh', Array.from({ length: 48 }, (_, i) => ({
      commune_code: '04465', mother_id: `M${i}`, mother_birth_date: '1995-01-01', birth_date: `${2023 + (i % 2)}-${String((i % 12) + 1).padStart(2, '0')}-15`, sex: 'F',
    })));
    const res = await computeIndicators(engine, { level: ['province', 'commune'], indicators: ['cbr', 'population'] });
    expect(find(res, 'cbr', '04465', '2024')).toMatchObject({ value: 24, numerator: 24, denominator: 1000 });
    expect(find(res, 'cbr', '04303', '2024')).toMatchObject({ value: null, flag: 'not_computable', numerator: null });
    expect(find(res, 'cbr', '04303', '2024').reason).toBe(
      'Sổ sinh (sinh) không có bản ghi nào của xã trong 2023–2024, trong khi theo dân số phải có khoảng 23: có lẽ chưa nhập tệp của xã · ' +
        'no births (sinh) record of this commune in 2023–2024, where its population would give about 23: its file was probably not imported',
    );
    expect(find(res, 'cbr', '04456', '2024')).toMatchObject({ value: 0, numerator: 0, denominator: 100 });
    expect(find(res, 'cbr', '15', '2024')).toMatchObject({ value: null, flag: 'not_computable', numerator: null });
    expect(find(res, 'cbr', '15', '2024').reason).toBe(
      'Sổ sinh (sinh) không có bản ghi nào của 1 xã, có lẽ chưa nhập tệp: Xã Lục Yên (04303) · ' +
        'no births (sinh) record of 1 commune, whose file was probably not imported: Xã Lục Yên (04303)',
    );
    // What the register gives alone is still there.
    expect(find(res, 'population', '04303', '2024').value).toBe(1000);
    expect(find(res, 'population', '15', '2024').value).toBe(2100);
  });
  it('a register whose leavers go back decades spans its last 40 years, not every year since', async () => {
    const p = (o: Record<string, string>) => ({ commune_code: '11674', residence_status: 'thuong_tru', entry_date: '1950-01-01', ...o });
    await insertRows(engine, 'nhan_khau', [
      p({ person_id: 'A', sex: 'F', birth_date: '1930-05-01', exit_date: '1955-03-01' }),
      p({ person_id: 'C', sex: 'F', birth_date: '1940-05-01', entry_date: '1960-01-01' }),
      p({ person_id: 'B', sex: 'M', birth_date: '1985-05-01', entry_date: '2024-03-01' }),
    ]);
    // Before, a span from 1955 overflowed the cube's year masks and the computation failed.
    const res = await computeIndicators(engine, { source: 'a0', level: 'commune', indicators: ['population'] });
    expect(res.map((r) => r.period)).toEqual(Array.from({ length: 41 }, (_, i) => String(1984 + i)));
    expect(find(res, 'population', '11674', '2023').value).toBe(1);
    expect(find(res, 'population', '11674', '2024').value).toBe(2);
  });
  it('by quarter, a table that is there gives 0 where it has no event, as by year', async () => {
    const p = (o: Record<string, string>) => ({ commune_code: '11674', residence_status: 'thuong_tru', entry_date: '2015-01-01', ...o });
    await insertRows(engine, 'nhan_khau', [p({ person_id: 'W', sex: 'F', birth_date: '1995-05-01' }), p({ person_id: 'H', sex: 'M', birth_date: '1990-05-01' })]);
    await insertRows(engine, 'sinh', [{ commune_code: '11674', mother_id: 'W', birth_date: '2024-06-01', sex: 'F' }]);
    await insertRows(engine, 'ket_hon', [{ commune_code: '11674', wife_id: 'W', husband_id: 'H', marriage_date: '2024-02-10', consanguineous: false, premarital_check: true }]);
    const res = await computeIndicators(engine, { source: 'a0', level: 'commune', periodType: 'quarter', indicators: ['consanguineous_marriage', 'premarital_check'] });
    expect(find(res, 'consanguineous_marriage', '11674', '2024-Q1')).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect(find(res, 'premarital_check', '11674', '2024-Q1')).toMatchObject({ value: 100, numerator: 1, denominator: 1 });
  });
  it('an imported table with no event in a year still gives 0, not “not imported”', async () => {
    const p = (o: Record<string, string>) => ({ commune_code: '11674', residence_status: 'thuong_tru', entry_date: '2015-01-01', ...o });
    await insertRows(engine, 'nhan_khau', [p({ person_id: 'A', sex: 'F', birth_date: '1995-05-01' }), p({ person_id: 'B', sex: 'M', birth_date: '1990-05-01' })]);
    await insertRows(engine, 'sinh', [{ commune_code: '11674', mother_id: 'A', birth_date: '2024-06-01', sex: 'F' }]);
    await insertRows(engine, 'chet', [{ commune_code: '11674', person_id: 'X', sex: 'M', birth_date: '1930-01-01', death_date: '2023-02-01' }]);
    const res = await computeIndicators(engine, { source: 'a0', level: 'commune', indicators: ['cbr', 'cdr'] });
    expect(find(res, 'cbr', '11674', '2023')).toMatchObject({ value: 0, numerator: 0, flag: 'unreliable' });
    expect(find(res, 'cdr', '11674', '2024')).toMatchObject({ value: 0, numerator: 0, flag: 'unreliable' });
  });
});

describe('the elderly share', () => {
  it('reads persons 60+ from the elderly element or from the age groups, whichever an export gives', async () => {
    const ages = (c: string) => [
      mis(c, 2024, 'population', null, null, 1000), mis(c, 2024, 'population', null, '60-64', 40), mis(c, 2024, 'population', null, '85+', 10),
      mis(c, 2024, 'population', null, '20-24', 950),
    ];
    // An export by age group (no elderly item)…
    await insertRows(engine, 'mis', ages('00001'));
    const byAge = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['elderly_share'] });
    expect(find(byAge, 'elderly_share', '00001', '2024').value).toBeCloseTo((100 * 50) / 1000, 12);
    // …and a report form's item 19 (no age groups).
    await engine.query('DELETE FROM mis');
    await engine.query('DROP TABLE cube');
    await insertRows(engine, 'mis', [mis('00002', 2024, 'population', null, null, 2000), mis('00002', 2024, 'elderly', null, null, 300)]);
    const form = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['elderly_share'] });
    expect(find(form, 'elderly_share', '00002', '2024').value).toBeCloseTo((100 * 300) / 2000, 12);
  });
});

describe('small numbers', () => {
  it('a share counts the events it is made of: 1 couple checked of 25 is unreliable, 20 of 25 is not', async () => {
    await insertRows(engine, 'mis', [
      mis('00001', 2024, 'marriages', null, null, 25), mis('00001', 2024, 'premarital_checked', null, null, 1),
      mis('00002', 2024, 'marriages', null, null, 25), mis('00002', 2024, 'premarital_checked', null, null, 20),
    ]);
    const res = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['premarital_check'] });
    expect(find(res, 'premarital_check', '00001', '2024')).toMatchObject({
      value: 4, numerator: 1, denominator: 25, events: 1, flag: 'unreliable', reason: 'Dưới 20 sự kiện (1) · fewer than 20 events (1)',
    });
    expect(find(res, 'premarital_check', '00002', '2024')).toMatchObject({ value: 80, numerator: 20, denominator: 25, events: 20, flag: '' });
  });
});
