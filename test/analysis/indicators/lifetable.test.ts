import { describe, expect, it } from 'vitest';
import { coaleDemeny, lifeTable } from '../../../analysis/indicators/lifetable.js';

// shared/references.md: PHEindicatormethods testLifeExpectancy.R, Chiang II.
const ages = [0, 1, ...Array.from({ length: 18 }, (_, i) => 5 * (i + 1))];
const population = [
  7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601, 50209, 56416, 46411, 39820, 37978, 37039,
  33288, 23306, 11936, 11936,
];
const deaths = [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937];
const expectedE = [
  80.16960813, 79.36245674, 75.44193645, 70.47299936, 65.52909542, 60.67510088, 55.78835987, 50.92752727,
  46.06740425, 41.24505636, 36.49322717, 31.83343842, 27.26027992, 22.9719144, 18.76856852, 14.95858336,
  11.51684445, 8.618849241, 6.163942934, 6.16210635,
];

describe('lifeTable, Chiang II reference', () => {
  const lt = lifeTable({ ages, deaths, population, sex: 'T', method: 'chiang2' })!;
  it('has 90 as the last (open) group', () => {
    expect(ages).toHaveLength(20);
    expect(ages[19]).toBe(90);
  });
  it('reproduces every eₓ', () => {
    lt.rows.forEach((r, i) => expect(r.e).toBeCloseTo(expectedE[i]!, 6));
  });
  it('reproduces the e₀ interval and standard error', () => {
    expect(lt.se0).toBeCloseTo(0.146389, 6);
    expect(lt.lower).toBeCloseTo(79.88268548, 6);
    expect(lt.upper).toBeCloseTo(80.45653078, 6);
    // Every age's interval is its eₓ ∓ 1.96·se, the first one e₀'s.
    expect([lt.rows[0]!.lower, lt.rows[0]!.upper]).toEqual([lt.lower, lt.upper]);
    for (const r of lt.rows) expect([r.lower, r.upper]).toEqual([r.e - 1.96 * r.se, r.e + 1.96 * r.se]);
  });
});

describe('lifeTable, Coale–Demeny', () => {
  it('uses the male and female formulas and their mean', () => {
    expect(coaleDemeny(0.02, 'M')).toEqual({ a0: 0.045 + 2.684 * 0.02, a1: 1.651 - 2.816 * 0.02 });
    expect(coaleDemeny(0.2, 'F')).toEqual({ a0: 0.35, a1: 1.361 });
    const t = coaleDemeny(0.2, 'T');
    expect(t.a0).toBeCloseTo(0.34, 12);
    expect(t.a1).toBeCloseTo(1.3565, 12);
  });
  it('puts a₀ and a₁ into the table', () => {
    const lt = lifeTable({ ages, deaths, population, sex: 'F', method: 'cd' })!;
    const m0 = 17 / 7060;
    expect(lt.rows[0]!.a).toBeCloseTo(0.053 + 2.8 * m0, 12);
    expect(lt.rows[1]!.a).toBeCloseTo(1.522 - 1.518 * m0, 12);
    expect(lt.rows[2]!.a).toBe(2.5);
    // q₀ = m₀ / (1 + (1 − a₀) m₀)
    expect(lt.rows[0]!.q).toBeCloseTo(m0 / (1 + (1 - lt.rows[0]!.a) * m0), 14);
  });
  it('returns null when the open group has no deaths', () => {
    expect(lifeTable({ ages: [0, 1, 5], deaths: [1, 1, 0], population: [10, 40, 50], sex: 'T', method: 'cd' })).toBeNull();
  });
});
