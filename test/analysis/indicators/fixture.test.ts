import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../analysis/engine/engine.js';
import { createNodeEngine } from '../../../analysis/engine/node.js';
import { computeIndicators, indicatorByCode, lifeTable, LIFE_TABLE_AGES, type IndicatorResult } from '../../../analysis/indicators/index.js';
import { importFiles } from '../../../analysis/ingest/index.js';
import { unitLifeTableAt } from '../../../analysis/charts/view-data.js';
import { AGE_GROUPS, FERTILE_AGE_GROUPS } from '../../../analysis/model/age-groups.js';
import { MemoryStore } from '../../../analysis/workspace/store.js';
import { Workspace } from '../../../analysis/workspace/workspace.js';

// The fixture province (fixtures/small): import its A0 and MIS exports through the real
// importer, then compare the cube and every indicator with values computed here, directly
// from truth.csv, by the formulas of shared/indicators.md.
const DIR = join(process.cwd(), 'fixtures/small');
const YEARS = [2021, 2022, 2023, 2024, 2025];

const truth = new Map<string, number>();
const communes = new Set<string>();
for (const line of readFileSync(join(DIR, 'truth.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\n').slice(1)) {
  const [c, y, e, s, g, v] = line.split(',') as [string, string, string, string, string, string];
  communes.add(c);
  truth.set(`${c}|${y}|${e}|${s || 'T'}|${g || 'total'}`, Number(v));
}
const PROVINCE = '15';

/** A truth cell for a commune, or the province as the sum of its communes. */
function cell(unit: string, year: number, element: string, sex = 'T', age = 'total'): number {
  const units = unit === PROVINCE ? [...communes] : [unit];
  return units.reduce((s, c) => s + (truth.get(`${c}|${year}|${element}|${sex}|${age}`) ?? 0), 0);
}

interface Expected {
  value: number | null;
  numerator?: number;
  denominator?: number;
}

/** Every indicator of indicators.md from truth cells, written out independently of the registry. */
function expectedIndicators(u: string, y: number): Record<string, Expected> {
  const c = (e: string, s = 'T', a = 'total') => cell(u, y, e, s, a);
  const prev = (e: string, s = 'T', a = 'total') => cell(u, y - 1, e, s, a);
  const popSum = (ages: readonly string[], s = 'T') => ages.reduce((t, a) => t + (s === 'T' ? c('population', 'M', a) + c('population', 'F', a) : c('population', s, a)), 0);
  const P = (prev('population') + c('population')) / 2;
  const B = c('births');
  const D = c('deaths');
  const W = (a: string) => (prev('population', 'F', a) + c('population', 'F', a)) / 2;
  const W1549 = FERTILE_AGE_GROUPS.reduce((s, a) => s + W(a), 0);
  const Ba = (a: string) => c('births', 'T', a);
  const B1549 = FERTILE_AGE_GROUPS.reduce((s, a) => s + Ba(a), 0);
  const r = (num: number, den: number, k: number): Expected => ({ value: den > 0 ? (k * num) / den : null, numerator: num, denominator: den });
  const out: Record<string, Expected> = {
    population: { value: c('population') },
    pop_avg: { value: P },
    cbr: r(B, P, 1000),
    cdr: r(D, P, 1000),
    nir: r(B - D, P, 100),
    growth_rate: r(B - D + c('in_migrants') - c('out_migrants'), P, 100),
    in_migration_rate: r(c('in_migrants'), P, 1000),
    out_migration_rate: r(c('out_migrants'), P, 1000),
    gfr: r(B, W1549, 1000),
    tfr: { value: 5 * FERTILE_AGE_GROUPS.reduce((s, a) => s + Ba(a) / W(a), 0), numerator: B1549, denominator: W1549 },
    adolescent_birth_rate: r(Ba('15-19'), W('15-19'), 1000),
    srb: r(c('births', 'M'), c('births', 'F'), 100),
    births_order_3plus_pct: r(c('births_order_3plus'), B, 100),
    imr: r(c('deaths', 'M', '0') + c('deaths', 'F', '0'), B, 1000),
    prenatal_screening: r(c('prenatal_screened'), c('pregnancies'), 100),
    newborn_screening: r(c('newborn_screened'), B, 100),
    premarital_check: r(c('premarital_checked'), c('marriages'), 100),
    child_marriage: r(c('child_marriages'), c('marriages'), 100),
    consanguineous_marriage: r(c('consanguineous_marriages'), c('marriages'), 100),
    mcpr: r(c('modern_method_users'), c('women_married_15_49'), 100),
    new_acceptors: { value: c('new_acceptors') },
    elderly_check: r(c('elderly_checked'), c('elderly'), 100),
    elderly_share: r(popSum(AGE_GROUPS.slice(13)), c('population'), 100),
    ageing_index: r(popSum(AGE_GROUPS.slice(13)), popSum(AGE_GROUPS.slice(0, 4)), 100),
    dependency_ratio: r(popSum(AGE_GROUPS.slice(0, 4)) + popSum(AGE_GROUPS.slice(14)), popSum(AGE_GROUPS.slice(4, 14)), 100),
    child_dependency_ratio: r(popSum(AGE_GROUPS.slice(0, 4)), popSum(AGE_GROUPS.slice(4, 14)), 100),
    old_dependency_ratio: r(popSum(AGE_GROUPS.slice(14)), popSum(AGE_GROUPS.slice(4, 14)), 100),
    sex_ratio: r(c('population', 'M'), c('population', 'F'), 100),
  };
  for (const a of FERTILE_AGE_GROUPS) out[`asfr_${a.replace('-', '_')}`] = r(Ba(a), W(a), 1000);
  for (const [code, sexes] of [['e0', ['M', 'F']], ['e0_male', ['M']], ['e0_female', ['F']]] as const) {
    const deaths = AGE_GROUPS.map((a) => sexes.reduce((s, x) => s + c('deaths', x, a), 0));
    const py = AGE_GROUPS.map((a) => sexes.reduce((s, x) => s + (prev('population', x, a) + c('population', x, a)) / 2, 0));
    const sex = code === 'e0' ? 'T' : code === 'e0_male' ? 'M' : 'F';
    const total = py.reduce((s, v) => s + v, 0);
    const lt = total >= 5000 ? lifeTable({ ages: LIFE_TABLE_AGES, deaths, population: py, sex, method: 'cd' }) : null;
    out[code] = { value: lt ? lt.e0 : null, numerator: deaths.reduce((s, v) => s + v, 0), denominator: total };
  }
  return out;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? listFiles(join(dir, d.name)) : [join(dir, d.name)]));
}

async function importInto(files: string[]): Promise<Workspace> {
  const ws = await Workspace.open(new MemoryStore(), await createNodeEngine());
  await importFiles(ws, files.map((f) => ({ name: f.split('/').pop()!, bytes: new Uint8Array(readFileSync(f)) })), { save: false, today: '2026-06-30' });
  return ws;
}

let a0: Workspace;
let mis: Workspace;
let wide: Workspace;
let a0Results: IndicatorResult[];
let misResults: IndicatorResult[];
let wideResults: IndicatorResult[];

beforeAll(async () => {
  a0 = await importInto(listFiles(join(DIR, 'a0')));
  a0Results = await computeIndicators(a0.engine, { source: 'a0', level: ['province', 'commune'] });
  mis = await importInto(listFiles(join(DIR, 'mis/long')));
  misResults = await computeIndicators(mis.engine, { source: 'mis', level: ['province', 'commune'] });
  // The report-form (wide) layout, CSV files: one per year and per quarter.
  wide = await importInto(listFiles(join(DIR, 'mis/wide')).filter((f) => f.endsWith('.csv')));
  wideResults = await computeIndicators(wide.engine, { source: 'mis', level: ['province', 'commune'] });
}, 600_000);
afterAll(async () => {
  await a0?.close();
  await mis?.close();
  await wide?.close();
});

const close = (actual: number | null, expected: number | null) => {
  if (expected === null) return expect(actual).toBeNull();
  expect(actual).not.toBeNull();
  if (expected === 0) return expect(actual).toBe(0);
  expect(Math.abs(actual! - expected) / Math.abs(expected)).toBeLessThan(1e-9);
};

describe('fixture province: A0 import → cube → indicators equals truth.csv', () => {
  it('every truth cell is in the cube, exactly', async () => {
    const rows = await queryRows<{ unit_code: string; year: number; element: string; sex: string; age_group: string; value: number }>(
      a0.engine,
      `SELECT unit_code, year, element, sex, age_group, value FROM cube WHERE source = 'a0' AND level = 'commune' AND period_type = 'year'`,
    );
    const cube = new Map(rows.map((r) => [`${r.unit_code}|${r.year}|${r.element}|${r.sex}|${r.age_group}`, r.value]));
    const wrong: string[] = [];
    for (const [k, v] of truth) if ((cube.get(k) ?? 0) !== v) wrong.push(`${k}: truth ${v}, cube ${cube.get(k) ?? 0}`);
    expect(wrong.slice(0, 20)).toEqual([]);
  });
  it('every indicator of every commune and of the province, every year', () => {
    let checked = 0;
    for (const u of [PROVINCE, ...communes]) {
      for (const y of YEARS) {
        const exp = expectedIndicators(u, y);
        for (const [code, e] of Object.entries(exp)) {
          const got = a0Results.find((r) => r.indicator === code && r.unit_code === u && r.period === String(y));
          expect(got, `${code} ${u} ${y}`).toBeDefined();
          close(got!.value, e.value);
          if (e.numerator !== undefined && code !== 'population' && code !== 'pop_avg') expect(got!.numerator).toBeCloseTo(e.numerator, 9);
          if (e.denominator !== undefined && code !== 'pop_avg') close(got!.denominator, e.denominator);
          checked++;
        }
      }
    }
    expect(checked).toBe(5 * 5 * 38);
  });
});

/** Compare with the A0 path; `noAges` are the indicators an export without age groups cannot give. */
function sameAsA0(other: IndicatorResult[], noAges: Set<string> = new Set()): number {
  let compared = 0;
  const byKey = new Map(other.map((r) => [`${r.indicator}|${r.level}|${r.unit_code}|${r.period}`, r]));
  for (const r of a0Results) {
    const m = byKey.get(`${r.indicator}|${r.level}|${r.unit_code}|${r.period}`);
    expect(m, `${r.indicator} ${r.unit_code} ${r.period}`).toBeDefined();
    // The MIS export starts in 2021: without the 2020 year-end population, 2021's
    // average-population indicators cannot be computed from it, and say why.
    if (noAges.has(r.indicator)) {
      expect(m!.flag, `${r.indicator} ${r.unit_code} ${r.period}`).toBe('not_computable');
      expect(m!.reason, `${r.indicator} ${r.unit_code} ${r.period}`).toMatch(/by (sex or )?age|by mother’s age/);
      continue;
    }
    // And a change in 2022 (2022 − 2021) of such an indicator cannot be either (cbr_change).
    const lacksPrevious = r.period === '2021' || (r.period === '2022' && indicatorByCode(r.indicator)?.kind === 'change');
    if (lacksPrevious && m!.flag === 'not_computable') {
      expect(m!.reason).toMatch(/previous period/);
      continue;
    }
    for (const k of ['value', 'lower', 'upper', 'numerator', 'denominator', 'events'] as const) {
      const a = r[k];
      const b = m![k];
      if (a === null || b === null) expect(b, `${r.indicator} ${r.unit_code} ${r.period} ${k}`).toBe(a);
      else expect(Math.abs(a - b), `${r.indicator} ${r.unit_code} ${r.period} ${k}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a)));
    }
    expect(m!.flag).toBe(r.flag);
    compared++;
  }
  return compared;
}

describe("fixture province: the detail view's life table", () => {
  it('has the deaths and person-years of truth.csv by age group, and the e₀ of the card, for the province and a commune', async () => {
    const y = YEARS[YEARS.length - 1]!;
    const commune = [...communes].sort()[0]!;
    for (const [unit, level] of [[PROVINCE, 'province'], [commune, 'commune']] as const) {
      for (const [code, sex, sexes] of [['e0', 'T', ['M', 'F']], ['e0_female', 'F', ['F']]] as const) {
        const t = (await unitLifeTableAt(a0.engine, { level, unitCode: unit, year: y, pool: 1, method: 'cd', sex }))!;
        const c = (e: string, yy: number, x: string, a: string) => cell(unit, yy, e, x, a);
        AGE_GROUPS.forEach((a, i) => {
          expect(t.table!.rows[i]!.deaths, `${unit} ${sex} ${a}`).toBe(sexes.reduce((n, x) => n + c('deaths', y, x, a), 0));
          close(t.table!.rows[i]!.population, sexes.reduce((n, x) => n + (c('population', y - 1, x, a) + c('population', y, x, a)) / 2, 0));
        });
        const card = a0Results.find((r) => r.indicator === code && r.unit_code === unit && r.period === String(y))!;
        if (card.value !== null) close(t.table!.e0, card.value);
      }
    }
  });
});

describe('fixture province: the MIS path gives the A0 values', () => {
  it('long layout: same value, interval, numerator, denominator and flag for every indicator', () => {
    expect(sameAsA0(misResults)).toBeGreaterThan(600);
  });
  // The elderly share reads the form's item 19 (persons 60+), so it is the same as A0's too.
  it('wide (report form) layout: the same, except what needs age groups, which the form lacks', () => {
    const noAges = new Set([
      'gfr', 'asfr_15_19', 'asfr_20_24', 'asfr_25_29', 'asfr_30_34', 'asfr_35_39', 'asfr_40_44', 'asfr_45_49', 'tfr',
      'adolescent_birth_rate', 'imr', 'e0', 'e0_male', 'e0_female', 'ageing_index', 'dependency_ratio',
      'child_dependency_ratio', 'old_dependency_ratio',
    ]);
    expect(sameAsA0(wideResults, noAges)).toBeGreaterThan(300);
  });
});

/** Quarter and month counts straight from the raw A0 CSVs (dd/mm/yyyy dates, Nam/Nữ). */
function rawFlows(): Map<string, number> {
  const out = new Map<string, number>();
  const add = (unit: string, period: string, what: string) => {
    for (const u of [unit, PROVINCE]) out.set(`${u}|${period}|${what}`, (out.get(`${u}|${period}|${what}`) ?? 0) + 1);
  };
  const rows = (file: string) => {
    const [head, ...lines] = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const cols = head!.split(',');
    return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])) as Record<string, string>);
  };
  const periods = (dmy: string) => {
    const [, m, y] = dmy.split('/').map(Number) as [number, number, number];
    return [`${y}-Q${Math.floor((m - 1) / 3) + 1}`, `${y}-${String(m).padStart(2, '0')}`];
  };
  for (const c of communes) {
    for (const r of rows(join(DIR, 'a0', c, 'sinh.csv'))) {
      if (!r['Ngày sinh']) continue;
      for (const p of periods(r['Ngày sinh'])) {
        add(c, p, r['Giới tính'] === 'Nam' ? 'boys' : r['Giới tính'] === 'Nữ' ? 'girls' : 'other');
        if (Number(r['Số bệnh sàng lọc sơ sinh']) >= 5 && r['Ngày sàng lọc sơ sinh']) add(c, p, 'screened');
      }
    }
    for (const r of rows(join(DIR, 'a0', c, 'bptt.csv'))) {
      if (r['Mới sử dụng'] === 'Có' && MODERN.has(r['Biện pháp']!) && r['Ngày bắt đầu']) for (const p of periods(r['Ngày bắt đầu'])) add(c, p, 'acceptors');
    }
  }
  return out;
}
// formats.md: the modern methods (the A0 register writes their Vietnamese names).
const MODERN = new Set(['Đình sản nam', 'Đình sản nữ', 'Dụng cụ tử cung', 'Vòng', 'Thuốc cấy', 'Thuốc tiêm', 'Thuốc uống', 'Bao cao su']);

describe('fixture province: indicators by quarter and month', () => {
  it('SRB, newborn screening and new acceptors per quarter and month equal counts from the raw files', async () => {
    const raw = rawFlows();
    const n = (u: string, p: string, w: string) => raw.get(`${u}|${p}|${w}`) ?? 0;
    for (const periodType of ['quarter', 'month'] as const) {
      const rows = await computeIndicators(a0.engine, { periodType, level: ['province', 'commune'], indicators: ['srb', 'newborn_screening', 'new_acceptors', 'tfr'] });
      // TFR needs women by age at period ends: not reported below a year.
      expect(rows.some((r) => r.indicator === 'tfr')).toBe(false);
      const periods = new Set(rows.map((r) => r.period));
      expect(periods.size).toBe(periodType === 'quarter' ? 4 * YEARS.length : 12 * YEARS.length);
      for (const r of rows) {
        const boys = n(r.unit_code, r.period, 'boys');
        const girls = n(r.unit_code, r.period, 'girls');
        const births = boys + girls + n(r.unit_code, r.period, 'other');
        const at = `${r.indicator} ${r.unit_code} ${r.period}`;
        if (r.indicator === 'srb') {
          expect([r.numerator, r.denominator], at).toEqual([boys, girls]);
          close(r.value, girls > 0 ? (100 * boys) / girls : null);
        } else if (r.indicator === 'newborn_screening') {
          expect([r.numerator, r.denominator], at).toEqual([n(r.unit_code, r.period, 'screened'), births]);
        } else {
          expect(r.value, at).toBe(n(r.unit_code, r.period, 'acceptors'));
        }
      }
    }
  });

  it('the MIS quarterly exports give the A0 quarterly values', async () => {
    const codes = ['srb', 'newborn_screening', 'premarital_check', 'new_acceptors'];
    const fromA0 = await computeIndicators(a0.engine, { periodType: 'quarter', level: ['province', 'commune'], indicators: codes });
    const fromMis = await computeIndicators(mis.engine, { periodType: 'quarter', level: ['province', 'commune'], indicators: codes });
    expect(fromMis.length).toBe(fromA0.length);
    expect(fromMis.length).toBeGreaterThan(300);
    expect(fromMis.map(({ value, lower, upper, numerator, denominator, flag, period, unit_code }) => ({ value, lower, upper, numerator, denominator, flag, period, unit_code }))).toEqual(
      fromA0.map(({ value, lower, upper, numerator, denominator, flag, period, unit_code }) => ({ value, lower, upper, numerator, denominator, flag, period, unit_code })),
    );
  });
});
