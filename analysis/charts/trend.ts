import type { TopLevelSpec } from 'vega-lite';
import type { IndicatorResult } from '../indicators/result.js';
import { label, type ChartLang } from './labels.js';
import { COLORS, OKABE_ITO } from './palette.js';
import { describedPoints, numberFormat, periodLabelExpr, toChartPoints } from './points.js';

export interface TrendOptions {
  lang: ChartLang;
  title: string;
  /** Axis title: the indicator's unit (‰, %, years…). */
  unit: string;
  decimals: number;
  target?: number | undefined;
  width?: number;
  height?: number;
}

/**
 * An indicator over periods for one or several units: the 95% interval as a band, the
 * value as a line, points resting on few events drawn hollow, and the target as a rule.
 */
export function trendSpec(results: IndicatorResult[], options: TrendOptions): TopLevelSpec {
  const { lang } = options;
  const fmt = numberFormat(options.decimals);
  const values = toChartPoints(results).filter((p) => p.value !== null);
  // Months make 60 labels: slant them and let Vega drop the ones that would overlap.
  const many = new Set(values.map((p) => p.period)).size > 12;
  const x = {
    field: 'period', type: 'ordinal' as const, title: label('period', lang),
    axis: { labelAngle: many ? -45 : 0, labelOverlap: 'parity' as const, labelExpr: periodLabelExpr('datum.label') },
  };
  const color = {
    field: 'unit_name',
    type: 'nominal' as const,
    title: label('unit', lang),
    scale: { range: OKABE_ITO },
  };
  const tooltip = [
    { field: 'unit_name', title: label('unit', lang) },
    { field: 'period_label', title: label('period', lang) },
    { field: 'value', title: label('value', lang), format: fmt },
    { field: 'interval', title: label('interval', lang) },
  ];
  const description = { field: 'description' };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: options.width ?? 560,
    height: options.height ?? 280,
    data: { values },
    ...describedPoints(options.decimals, lang, { period: true }),
    layer: [
      {
        mark: { type: 'area', opacity: 0.18, aria: false },
        encoding: { x, y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' }, color },
      },
      {
        // The points speak for the line (each with its period, value and interval).
        mark: { type: 'line', point: false, aria: false },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', title: options.unit, scale: { zero: false }, axis: { format: fmt } },
          color,
        },
      },
      {
        transform: [{ filter: '!datum.flagged' }],
        mark: { type: 'point', size: 60, filled: true },
        encoding: { x, y: { field: 'value', type: 'quantitative' }, color, tooltip, description },
      },
      {
        // Values resting on fewer than 20 events: hollow diamonds.
        transform: [{ filter: 'datum.flagged' }],
        mark: { type: 'point', size: 90, filled: false, shape: 'diamond', strokeWidth: 2 },
        encoding: { x, y: { field: 'value', type: 'quantitative' }, color, tooltip, description },
      },
      ...(options.target === undefined
        ? []
        : [
            {
              data: { values: [{ target: options.target }] },
              mark: { type: 'rule', strokeDash: [6, 4], color: COLORS.target, strokeWidth: 2 },
              encoding: { y: { field: 'target', type: 'quantitative' } },
            },
            {
              data: { values: [{ target: options.target, text: label('target', lang) }] },
              mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: COLORS.target, x: 0 },
              encoding: { y: { field: 'target', type: 'quantitative' }, text: { field: 'text' } },
            },
          ]),
    ],
  };
  return spec as TopLevelSpec;
}
