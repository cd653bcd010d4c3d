import { describe, expect, it } from 'vitest';
import { indicatorByCode, type IndicatorResult, type Target } from '../../../analysis/indicators/index.js';
import { targetBasis, targetStatus } from '../../../renderer/components/target-status.js';

const mcpr = indicatorByCode('mcpr')!;
const text = { latestData: 'theo số liệu', yearlyAverage: 'trung bình năm' };
const row = (period: string, value: number, lower: number, upper: number): IndicatorResult => ({
  indicator: 'mcpr', unit_code: '04456', unit_name: 'Xã Mù Cang Chải', level: 'commune', period,
  value, lower, upper, numerator: 0, denominator: 0, events: 100, flag: '',
});
const target = (year: number, value = 40): Target => ({
  unit_code: '04456', unit_name: 'Xã Mù Cang Chải', year, indicator: 'mcpr', comparator: '>=', target: value, unit: '%', source_text: '',
});
// The card of 2025 shows 48,4 % (42,3–54,6); 2024 was 42,3 % (36,4–48,6).
const yearly = [row('2024', 42.3, 36.4, 48.6), row('2025', 48.4, 42.3, 54.6)];

describe('target status beside a card', () => {
  it("names the period when a past year's target is judged on that year, not on the card's", () => {
    const s = targetStatus([target(2024)], yearly, 'mcpr', '04456', 2025)!;
    expect([s.year, s.period, s.status]).toEqual([2024, '2024', 'undecided']);
    expect(targetBasis(mcpr, s, '2025', 'vi', text)).toBe('theo số liệu 2024');
  });

  it('names the latest data standing in for a target year without data', () => {
    const s = targetStatus([target(2026)], yearly, 'mcpr', '04456', 2025)!;
    expect([s.period, s.status]).toEqual(['2025', 'met']);
    expect(targetBasis(mcpr, s, '2025', 'vi', text)).toBe('theo số liệu 2025');
  });

  it("says nothing more when the status rests on the target year's value shown on the card", () => {
    const s = targetStatus([target(2025)], yearly, 'mcpr', '04456', 2025)!;
    expect([s.period, s.status]).toEqual(['2025', 'met']);
    expect(targetBasis(mcpr, s, '2025', 'vi', text)).toBe('');
  });

  it('names a pooled window, even when the card shows the same window', () => {
    const pooled = [row('2023-2025', 43.9, 40.4, 47.5)];
    const s = targetStatus([target(2025, 45)], pooled, 'mcpr', '04456', 2025)!;
    expect([s.period, s.status]).toEqual(['2023-2025', 'undecided']);
    expect(targetBasis(mcpr, s, '2023-2025', 'vi', text)).toBe('theo số liệu 2023–2025');
  });

  it('names no period when there is no data to judge on', () => {
    const s = targetStatus([target(2020)], yearly, 'mcpr', '04456', 2025)!;
    expect(s.status).toBe('no_data');
    expect(targetBasis(mcpr, s, '2025', 'vi', text)).toBe('');
  });
});
