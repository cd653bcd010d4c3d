import { describe, expect, it } from 'vitest';
import { marshallGlobal } from '../../../analysis/indicators/smoothing.js';
import { smoothResults } from '../../../analysis/indicators/smooth-results.js';
import type { WorkingResult } from '../../../analysis/indicators/working.js';
import { allProvinces } from '../../../analysis/model/admin-units.js';

describe('marshallGlobal (shared/references.md)', () => {
  it('reproduces the reference', () => {
    const r = marshallGlobal([2, 40, 0, 30, 25], [500, 2000, 300, 10000, 1500]);
    expect(r.b).toBeCloseTo(0.00678322, 8);
    const expected = [4.6611, 19.0451, 2.3182, 3.058, 15.7369];
    r.smoothed.forEach((v, i) => expect(v * 1000).toBeCloseTo(expected[i]!, 4));
  });
});

describe('marshallGlobal for shares (binomial chance variation)', () => {
  it('takes chance variation as b(1 − b)/x, so real differences between areas are kept', () => {
    // Worked out independently (Python): b = 740 / 1225, s² = Σ x (n/x − b)² / Σx,
    // a = s² − b(1 − b) / x̄, EB = b + a (n/x − b) / (a + b(1 − b) / x).
    const r = marshallGlobal([50, 180, 20, 400, 90], [100, 300, 25, 600, 200], true);
    expect(r.b).toBeCloseTo(740 / 1225, 12);
    expect(r.a).toBeCloseTo(0.006490141579, 10);
    const expected = [52.802682, 60.044652, 68.327152, 66.304524, 47.397304];
    r.smoothed.forEach((v, i) => expect(v * 100).toBeCloseTo(expected[i]!, 5));
  });
});

describe('smoothResults', () => {
  it("shrinks each commune toward its own province's communes, not every commune of the workspace", () => {
    const [a, b] = allProvinces();
    const row = (unit: string, n: number, d: number): WorkingResult => ({
      indicator: 'cbr', unit_code: unit, unit_name: unit, level: 'commune', period: '2024', value: (n / d) * 1000, lower: null, upper: null,
      numerator: n, denominator: d, events: n, flag: '', end_year: 2024, k: 1, rank: 0,
    });
    // Province a: the communes of the reference above; province b: two communes at 100 and 200‰.
    const first = [[2, 500], [40, 2000], [0, 300], [30, 10000], [25, 1500]].map(([n, d], i) => row(a!.communes[i]!.communeCode, n!, d!));
    const second = [row(b!.communes[0]!.communeCode, 100, 1000), row(b!.communes[1]!.communeCode, 200, 1000)];
    smoothResults([...first, ...second]);
    const expected = [4.6611, 19.0451, 2.3182, 3.058, 15.7369];
    first.forEach((r, i) => expect(r.smoothed).toBeCloseTo(expected[i]!, 4));
  });
  it('smooths a proportion as a share (the binomial values above)', () => {
    const [a] = allProvinces();
    const rows = [[50, 100], [180, 300], [20, 25], [400, 600], [90, 200]].map(([n, d], i): WorkingResult => ({
      indicator: 'prenatal_screening', unit_code: a!.communes[i]!.communeCode, unit_name: '', level: 'commune', period: '2024',
      value: (100 * n!) / d!, lower: null, upper: null, numerator: n!, denominator: d!, events: n!, flag: '', end_year: 2024, k: 1, rank: 0,
    }));
    smoothResults(rows);
    const expected = [52.802682, 60.044652, 68.327152, 66.304524, 47.397304];
    rows.forEach((r, i) => expect(r.smoothed).toBeCloseTo(expected[i]!, 5));
  });
});
