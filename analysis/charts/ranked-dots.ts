import type { TopLevelSpec } from 'vega-lite';
import type { IndicatorResult } from '../indicators/result.js';
import { label, type ChartLang } from './labels.js';
import { COLORS } from './palette.js';
import { describedPoints, numberFormat, toChartPoints } from './points.js';

export interface RankedDotsOptions {
  lang: ChartLang;
  title: string;
  unit: string;
  decimals: number;
  /** The province value, drawn as a reference line. */
  reference?: number | null | undefined;
  target?: number | undefined;
}

/** Communes ranked by value with their 95% intervals: who drives the provincial result. */
export function rankedDotsSpec(results: IndicatorResult[], options: RankedDotsOptions): TopLevelSpec {
  const { lang } = options;
  const fmt = numberFormat(options.decimals);
  // Ranked here (ties by name, so the order is stable) and sorted by that rank: a sort by
  // value would leave ties to chance, and without any sort a live view that gets new data
  // would keep the previous indicator's order (vega-template.ts).
  const values = toChartPoints(results)
    .filter((p) => p.value !== null)
    .sort((a, b) => b.value! - a.value! || (a.unit_name < b.unit_name ? -1 : a.unit_name > b.unit_name ? 1 : 0))
    .map((p, rank) => ({ ...p, rank }));
  const y = { field: 'unit_name', type: 'nominal' as const, title: null, sort: { field: 'rank', op: 'min' as const, order: 'ascending' as const } };
  const refs = [
    ...(options.reference == null ? [] : [{ value: options.reference, kind: label('province', lang), color: COLORS.value }]),
    ...(options.target === undefined ? [] : [{ value: options.target, kind: label('target', lang), color: COLORS.target }]),
  ];
  // Names at the lines' top, away from each other however close the lines: the lower line's
  // to its left, the higher's to its right.
  const highest = Math.max(...refs.map((r) => r.value));
  const named = refs.map((r) => ({ ...r, side: refs.length > 1 && r.value < highest ? 'left' : 'right' }));
  const nameLayer = (side: 'left' | 'right') => ({
    data: { values: named.filter((r) => r.side === side) },
    mark: {
      type: 'text' as const, align: side === 'right' ? ('left' as const) : ('right' as const), baseline: 'bottom' as const,
      dx: side === 'right' ? 3 : -3, y: 0, dy: -2, fontSize: 10, aria: false,
    },
    encoding: {
      x: { field: 'value', type: 'quantitative' as const },
      text: { field: 'kind' },
      color: { field: 'color', type: 'nominal' as const, scale: null },
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: 480,
    height: { step: 16 },
    data: { values },
    ...describedPoints(options.decimals, lang, { period: false }),
    layer: [
      {
        mark: { type: 'rule', color: '#888', aria: false },
        encoding: { y, x: { field: 'lower', type: 'quantitative' }, x2: { field: 'upper' } },
      },
      {
        mark: { type: 'point', size: 50, filled: true, color: COLORS.value },
        encoding: {
          shape: {
            field: 'flagged',
            type: 'nominal',
            scale: { domain: [false, true], range: ['circle', 'diamond'] },
            legend: null,
          },
          y,
          x: { field: 'value', type: 'quantitative', title: options.unit, scale: { zero: false }, axis: { format: fmt } },
          tooltip: [
            { field: 'unit_name', title: label('commune', lang) },
            { field: 'value', title: label('value', lang), format: fmt },
            { field: 'interval', title: label('interval', lang) },
          ],
          description: { field: 'description' },
        },
      },
      // Always present, empty when there is neither: charts of every indicator then share
      // one shape, and the live view is updated rather than rebuilt (vega-template.ts).
      {
        data: { values: refs },
        mark: { type: 'rule' as const, strokeDash: [6, 4] },
        encoding: {
          x: { field: 'value', type: 'quantitative' as const },
          color: { field: 'color', type: 'nominal' as const, scale: null },
          tooltip: [{ field: 'kind' }, { field: 'value', format: fmt }],
        },
      },
      // Each dashed line named at its top (province value, target), not only in a tooltip.
      nameLayer('left'),
      nameLayer('right'),
    ],
  } as TopLevelSpec;
}
