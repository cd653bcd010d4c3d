import { describe, expect, it } from 'vitest';
import { sparklinePath } from '../../../analysis/charts/sparkline.js';

describe('sparklinePath', () => {
  it('scales values into the box with the highest value on top', () => {
    const { d, last } = sparklinePath([1, 3, 2], 100, 20, 0);
    expect(d).toBe('M0.0,20.0L50.0,0.0L100.0,10.0');
    expect(last).toEqual([100, 10]);
  });
  it('breaks the line at missing values and handles a flat or empty series', () => {
    expect(sparklinePath([1, null, 2], 20, 10, 0).d).toBe('M0.0,10.0M20.0,0.0');
    expect(sparklinePath([5, 5], 20, 10, 0).d).toBe('M0.0,5.0L20.0,5.0');
    expect(sparklinePath([null], 20, 10)).toEqual({ d: '', last: null });
  });
});
