import type { IndicatorResult } from '../../../analysis/indicators/result.js';

export function result(over: Partial<IndicatorResult>): IndicatorResult {
  return {
    indicator: 'srb',
    unit_code: '04465',
    unit_name: 'Xã Khao Mang',
    level: 'commune',
    period: '2024',
    value: 110,
    lower: 100,
    upper: 120,
    numerator: 110,
    denominator: 100,
    events: 210,
    flag: '',
    ...over,
  };
}
