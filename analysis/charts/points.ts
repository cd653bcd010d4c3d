import type { IndicatorResult } from '../indicators/result.js';
import { label, type ChartLang } from './labels.js';

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

/**
 * Vega-Lite params and transforms that spell a point out for its tooltip and for screen
 * readers: `interval` ("97,0–118,7", spaced when a bound is negative; "—" when the value has
 * none, as for counts) and `description` ("Xã A, 2024: 107,3 (KTC 95% 97,0–118,7), few
 * events"), in the chart's number locale. Without them a count's tooltip read "null" and the
 * marks' aria-labels listed raw field names and unrounded numbers. The number format and the
 * words are params named tpl_…, which a live view takes as updates (vega-template.ts), so
 * another indicator's decimals do not make another chart.
 */
export function describedPoints(decimals: number, lang: ChartLang, options: { period: boolean }) {
  const f = (x: string) => `format(${x}, tpl_point_format)`;
  const period = periodLabelExpr('datum.period');
  const interval = `isValid(datum.lower) && isValid(datum.upper) ? ${f('datum.lower')} + (datum.lower < 0 ? ' – ' : '–') + ${f('datum.upper')} : '—'`;
  const description =
    `datum.unit_name + ${options.period ? `', ' + datum.period_label + ` : ''}': ' + (isValid(datum.value) ? ${f('datum.value')} : '—')` +
    ` + (datum.interval === '—' ? '' : ' (' + tpl_point_interval + ' ' + datum.interval + ')')` +
    ` + (datum.flagged ? ', ' + tpl_point_flag : '')`;
  return {
    params: [
      { name: 'tpl_point_format', value: numberFormat(decimals) },
      { name: 'tpl_point_interval', value: label('interval', lang) },
      { name: 'tpl_point_flag', value: label('flag', lang) },
      { name: 'tpl_point_quarter', value: lang === 'vi' ? 'Quý $2/$1' : 'Q$2 $1' },
      { name: 'tpl_point_month', value: lang === 'vi' ? '$2/$1' : '$1-$2' },
    ],
    transform: [
      ...(options.period ? [{ calculate: period, as: 'period_label' }] : []),
      { calculate: interval, as: 'interval' },
      { calculate: description, as: 'description' },
    ],
  };
}

/**
 * A period as the language writes it, as a Vega expression over `x` (a period string):
 * quarters "2021-Q1" → "Quý 1/2021" / "Q1 2021", months "2021-03" → "03/2021" in Vietnamese,
 * pooled windows "2023-2025" → "2023–2025" as the cards write them; years unchanged. Reads
 * describedPoints' tpl_point_quarter/month params.
 */
export function periodLabelExpr(x: string): string {
  return `replace(replace(replace(${x}, regexp('^(\\\\d{4})-Q(\\\\d)$'), tpl_point_quarter), regexp('^(\\\\d{4})-(\\\\d{2})$'), tpl_point_month), regexp('^(\\\\d{4})-(\\\\d{4})$'), '$1–$2')`;
}
