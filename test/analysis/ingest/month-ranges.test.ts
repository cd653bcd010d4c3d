import { describe, expect, it } from 'vitest';
import { monthRanges } from '../../../analysis/ingest/month-ranges.js';

describe('monthRanges', () => {
  it('joins consecutive months, across a year end, whatever the input order', () => {
    expect(monthRanges(['2021-05', '2021-02', '2021-01', '2022-01', '2021-03', '2021-12', '2021-02'])).toEqual([
      '2021-01–2021-03',
      '2021-05',
      '2021-12–2022-01',
    ]);
  });

  it('gives one range for five whole years without data, and nothing for none', () => {
    const all = Array.from({ length: 60 }, (_, i) => `${2021 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    expect(monthRanges(all)).toEqual(['2021-01–2025-12']);
    expect(monthRanges([])).toEqual([]);
  });
});
