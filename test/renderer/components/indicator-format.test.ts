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
  const row = (value: number | null, smoothed: number | null | undefined): IndicatorResult => ({
    indicator: 'srb', unit_code: 'x', unit_name: 'x', level: 'commune', period: '2024', value, lower: null, upper: null,
    numerator: 1, denominator: 1, events: 2, flag: '', ...(smoothed === undefined ? {} : { smoothed }),
  });
  it('is true when communes that differ raw all have one smoothed value, rounding apart', () => {
    expect(smoothedAllEqual([row(148.3, 116.339869281), row(81, 116.339869281 + 1e-12), row(null, null)])).toBe(true);
  });
  it('is false for different smoothed values, raw values already equal, one commune, or nothing smoothed', () => {
    expect(smoothedAllEqual([row(120, 116.3), row(110, 116.4)])).toBe(false);
    // 0 child marriages in every commune: the same raw and smoothed, nothing to say about chance.
    expect(smoothedAllEqual([row(0, 0), row(0, 0), row(0, 0)])).toBe(false);
    expect(smoothedAllEqual([row(120, 116.3), row(null, null)])).toBe(false);
    expect(smoothedAllEqual([row(120, undefined), row(110, undefined)])).toBe(false);
  });
});
