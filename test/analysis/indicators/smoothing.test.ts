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
});
