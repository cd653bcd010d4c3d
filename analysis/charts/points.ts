import type { IndicatorResult } from '../indicators/result.js';

/** The fields a chart reads from a result row; charts never see more than they plot. */
export interface ChartPoint {
  unit_code: string;
  unit_name: string;
  period: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  denominator: number | null;
  flagged: boolean;
}

export function toChartPoints(results: IndicatorResult[]): ChartPoint[] {
  return results.map((r) => ({
    unit_code: r.unit_code,
    unit_name: r.unit_name,
    period: r.period,
    value: r.value,
    lower: r.lower,
    upper: r.upper,
    denominator: r.denominator,
    flagged: r.flag === 'unreliable',
  }));
}

/** A d3 format string with a fixed number of decimals and thousands grouping. */
export function numberFormat(decimals: number): string {
  return `,.${decimals}f`;
}
