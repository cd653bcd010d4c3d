import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../analysis/engine/engine.js';
import { createNodeEngine } from '../../../analysis/engine/node.js';
import { computeIndicators, lifeTable, LIFE_TABLE_AGES, type IndicatorResult } from '../../../analysis/indicators/index.js';
import { AGE_GROUPS, FERTILE_AGE_GROUPS } from '../../../analysis/model/age-groups.js';
import { createCanonicalTables, insertRows } from './helpers.js';

// A large simulated province: communes with known true fertility, sex ratio at birth and
// mortality; counts drawn at random (seeded); the share of communes whose 95% interval
// covers the true value must be close to 95%.
const COMMUNES = 500;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20250607);
/** Exact Poisson draw: a sum of Knuth draws on pieces of λ ≤ 30 (sums of Poissons are Poisson). */
function poisson(lambda: number): number {
  let n = 0;
  for (let rest = lambda; rest > 0; rest -= 30) {
    const l = Math.exp(-Math.min(30, rest));
    let p = 1;
    let k = -1;
    do {
      k++;
      p *= rand();
    } while (p > l);
    n += k;
  }
  return n;
}
function binomial(n: number, p: number): number {
  let x = 0;
  for (let i = 0; i < n; i++) if (rand() < p) x++;
  return x;
}

const ASFR_SHAPE = [0.035, 0.13, 0.13, 0.09, 0.05, 0.015, 0.003]; // per woman per year, TFR ≈ 2.3
const P_MALE = 112 / 212; // true SRB 112
// Mortality by age group (0, 1–4, …, 85+), a plausible schedule.
const M_BASE = [0.015, 0.001, 0.0004, 0.0004, 0.0007, 0.001, 0.0012, 0.0015, 0.002, 0.0028, 0.004, 0.006, 0.009, 0.014, 0.022, 0.036, 0.058, 0.095, 0.17];
const POP_SHARE = [0.015, 0.06, 0.075, 0.075, 0.07, 0.07, 0.075, 0.08, 0.08, 0.075, 0.07, 0.065, 0.055, 0.045, 0.035, 0.025, 0.015, 0.01, 0.007];

interface Truth {
  tfr: number;
  srb: number;
  e0: number;
}
const truths = new Map<string, Truth>();
let engine: Engine;
let results: IndicatorResult[];

beforeAll(async () => {
  engine = await createNodeEngine();
  await createCanonicalTables(engine);
  const rows: Array<Record<string, string | number | null>> = [];
  const row = (c: string, year: number, element: string, sex: string | null, age: string | null, value: number) =>
    rows.push({ commune_code: c, period: String(year), period_type: 'year', year, element, sex, age_group: age, value });
  for (let i = 0; i < COMMUNES; i++) {
    const c = String(50000 + i);
    const size = 8000 + Math.floor(rand() * 30000);
    const fert = 0.7 + rand() * 0.8;
    const mort = 0.6 + rand() * 0.9;
    const popT = POP_SHARE.map((s) => Math.round(size * s));
    const popF = popT.map((p) => Math.round(p * 0.5));
    // Same year-end stocks in 2023 and 2024, so the average population is the stock.
    for (const y of [2023, 2024]) {
      AGE_GROUPS.forEach((g, a) => {
        row(c, y, 'population', 'F', g, popF[a]!);
        row(c, y, 'population', 'M', g, popT[a]! - popF[a]!);
      });
    }
    const asfr = ASFR_SHAPE.map((x) => x * fert);
    let births = 0;
    FERTILE_AGE_GROUPS.forEach((g, a) => {
      const w = popF[AGE_GROUPS.indexOf(g)]!;
      const b = poisson(w * asfr[a]!);
      births += b;
      row(c, 2024, 'births', null, g, b);
    });
    const boys = binomial(births, P_MALE);
    row(c, 2024, 'births', 'M', null, boys);
    row(c, 2024, 'births', 'F', null, births - boys);
    const m = M_BASE.map((x) => x * mort);
    AGE_GROUPS.forEach((g, a) => row(c, 2024, 'deaths', null, g, poisson(popT[a]! * m[a]!)));
    const lt = lifeTable({ ages: LIFE_TABLE_AGES, deaths: popT.map((p, a) => p * m[a]!), population: popT, sex: 'T', method: 'cd' })!;
    truths.set(c, { tfr: 5 * asfr.reduce((s, x) => s + x, 0), srb: (100 * P_MALE) / (1 - P_MALE), e0: lt.e0 });
  }
  for (let i = 0; i < rows.length; i += 5000) await insertRows(engine, 'mis', rows.slice(i, i + 5000));
  results = await computeIndicators(engine, { source: 'mis', level: 'commune', indicators: ['tfr', 'srb', 'e0'] });
}, 300_000);
afterAll(async () => engine?.close());

function coverage(code: keyof Truth): { covered: number; total: number } {
  let covered = 0;
  let total = 0;
  for (const r of results) {
    if (r.indicator !== code || r.lower === null || r.upper === null) continue;
    total++;
    const t = truths.get(r.unit_code)![code];
    if (r.lower <= t && t <= r.upper) covered++;
  }
  return { covered, total };
}

describe('95% intervals cover the true values of simulated communes', () => {
  for (const code of ['tfr', 'srb', 'e0'] as const) {
    it(code, () => {
      const { covered, total } = coverage(code);
      expect(total).toBe(COMMUNES);
      const rate = covered / total;
      console.info(`${code}: ${covered}/${total} intervals cover the truth`);
      // ±2.7 binomial standard errors around 95% for 500 communes.
      expect(rate).toBeGreaterThan(0.92);
      expect(rate).toBeLessThan(0.98);
    });
  }
});
