import { describe, expect, it } from 'vitest';
import { regularizedGamma } from '../../../analysis/indicators/gamma.js';
import { normal, poissonCount, poissonRate, srbWilson, wilson } from '../../../analysis/indicators/intervals.js';

describe('srbWilson (shared/references.md table)', () => {
  const cases: Array<[number, number, number, number, number]> = [
    [540, 460, 117.39, 103.67, 132.93],
    [120, 100, 120.0, 92.1, 156.35],
    [1070, 1000, 107.0, 98.16, 116.63],
    [5300, 4700, 112.77, 108.42, 117.28],
  ];
  for (const [boys, girls, srb, lo, hi] of cases) {
    it(`${boys}/${girls}`, () => {
      expect((100 * boys) / girls).toBeCloseTo(srb, 2);
      const ci = srbWilson(boys, girls)!;
      expect(ci.lower).toBeCloseTo(lo, 2);
      expect(ci.upper).toBeCloseTo(hi, 2);
    });
  }
});

describe('poisson', () => {
  it('gives the Garwood limits', () => {
    // Known values: n = 10 → 4.795389 – 18.390356; n = 0 → 0 – 3.688879.
    const ten = poissonCount(10);
    expect(ten.lower).toBeCloseTo(4.795389, 5);
    expect(ten.upper).toBeCloseTo(18.390356, 5);
    const zero = poissonCount(0);
    expect(zero.lower).toBe(0);
    expect(zero.upper).toBeCloseTo(3.688879, 5);
  });
  it('stays exact for large counts (values from mpmath at 30 digits)', () => {
    // stdlib's χ² quantile alone gave 2,337.952 and 1,002.230: 0.16 too high.
    const births = poissonCount(2243);
    expect(births.upper).toBeCloseTo(2337.788705883873, 7);
    expect(births.lower).toBeCloseTo(2151.126229828825, 7);
    expect(poissonCount(940).upper).toBeCloseTo(1002.064788809057, 7);
    const pooled = poissonCount(150000);
    expect(pooled.upper).toBeCloseTo(150761.0400259121, 5);
    expect(pooled.lower).toBeCloseTo(149241.8568093603, 5);
  });
  it('P(a, x) of the incomplete gamma function, on either side of a + 1', () => {
    expect(regularizedGamma(2244, 2337.952395087758).p).toBeCloseTo(0.9751958732709328, 12);
    expect(regularizedGamma(10, 4.795388696132434).p).toBeCloseTo(0.025, 12);
    expect(regularizedGamma(3, 0).q).toBe(1);
  });
  it('scales to a rate', () => {
    const r = poissonRate(10, 1000, 1000)!;
    expect(r.lower).toBeCloseTo(4.795389, 5);
    expect(poissonRate(1, 0, 1000)).toBeNull();
  });
});

describe('wilson and normal', () => {
  it('wilson 0/10 starts at 0', () => {
    const w = wilson(0, 10)!;
    expect(w.lower).toBe(0);
    expect(w.upper).toBeCloseTo(0.2775328, 6);
  });
  it('normal', () => {
    const n = normal(10, 1);
    expect(n.lower).toBeCloseTo(10 - 1.959964, 5);
  });
});
