import { describe, expect, it } from 'vitest';
import type { IndicatorResult } from '../../../analysis/indicators/index.js';
import { periodText, smoothedAllEqual } from '../../../renderer/components/indicator-format.js';

describe('periods as the views write them', () => {
  it('writes a pooled window with an en dash and leaves years, quarters and months alone', () => {
    expect(periodText('2023-2025')).toBe('2023–2025');
    expect(periodText('2024')).toBe('2024');
    expect(periodText('2024-Q2')).toBe('2024-Q2');
    expect(periodText('2024-05')).toBe('2024-05');
  });
});

describe('smoothedAllEqual', () => {
  const row = (smoothed: number | null | undefined): IndicatorResult => ({
    indicator: 'srb', unit_code: 'x', unit_name: 'x', level: 'commune', period: '2024', value: 110, lower: null, upper: null,
    numerator: 1, denominator: 1, events: 2, flag: '', ...(smoothed === undefined ? {} : { smoothed }),
  });
  it('is true when every smoothed commune has one value, rounding apart', () => {
    expect(smoothedAllEqual([row(116.339869281), row(116.339869281 + 1e-12), row(null)])).toBe(true);
  });
  it('is false for different values, a single commune, or nothing smoothed', () => {
    expect(smoothedAllEqual([row(116.3), row(116.4)])).toBe(false);
    expect(smoothedAllEqual([row(116.3), row(null)])).toBe(false);
    expect(smoothedAllEqual([row(undefined), row(undefined)])).toBe(false);
  });
});
