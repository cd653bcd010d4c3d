import { describe, expect, it } from 'vitest';
import type { IndicatorResult } from '../../../analysis/indicators/index.js';
import { chosenYear, ResultIndex } from '../../../renderer/state/result-index.js';

const result = (period: string, value: number | null, level: IndicatorResult['level'] = 'province', unit = '15'): IndicatorResult => ({
  indicator: 'cbr', unit_code: unit, unit_name: unit, level, period, value, lower: null, upper: null, numerator: null, denominator: null, events: null,
  flag: value === null ? 'not_computable' : '',
});

describe('the year the views open on', () => {
  it('is the latest with a computed value, not a year the data cover in part', () => {
    // 2025: registers exported in June, every indicator not computable.
    const index = new ResultIndex([result('2024', 17.2), result('2025', null), result('2025', null, 'commune', '04465')]);
    expect(index.years).toEqual([2024, 2025]);
    expect(index.latestComputed).toBe(2024);
    expect(chosenYear(index, null)).toBe(2024);
    // A year the user chose stays chosen.
    expect(chosenYear(index, 2025)).toBe(2025);
    // A year some communes have is shown: the province's card says which commune it lacks.
    expect(chosenYear(new ResultIndex([result('2024', 17.2), result('2025', null), result('2025', 9.1, 'commune', '04465')]), null)).toBe(2025);
    // Nothing computed at all: the latest year, to show why.
    expect(chosenYear(new ResultIndex([result('2025', null)]), null)).toBe(2025);
  });
});
