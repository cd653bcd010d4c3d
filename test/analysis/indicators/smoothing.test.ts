import { describe, expect, it } from 'vitest';
import { marshallGlobal } from '../../../analysis/indicators/smoothing.js';

describe('marshallGlobal (shared/references.md)', () => {
  it('reproduces the reference', () => {
    const r = marshallGlobal([2, 40, 0, 30, 25], [500, 2000, 300, 10000, 1500]);
    expect(r.b).toBeCloseTo(0.00678322, 8);
    const expected = [4.6611, 19.0451, 2.3182, 3.058, 15.7369];
    r.smoothed.forEach((v, i) => expect(v * 1000).toBeCloseTo(expected[i]!, 4));
  });
});
