import type { TopLevelSpec } from 'vega-lite';
import type { IndicatorResult } from '../indicators/result.js';
import { COLORS } from './palette.js';
import { toChartPoints } from './points.js';

/** A small trend line for a dashboard card: no axes, last point marked. */
export function sparklineSpec(results: IndicatorResult[], options: { target?: number | undefined } = {}): TopLevelSpec {
  const values = toChartPoints(results).filter((p) => p.value !== null);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 120,
    height: 32,
    padding: 2,
    config: { view: { stroke: null } },
    data: { values },
    encoding: {
      x: { field: 'period', type: 'ordinal', axis: null },
      y: { field: 'value', type: 'quantitative', axis: null, scale: { zero: false } },
    },
    layer: [
      { mark: { type: 'line', color: COLORS.value, strokeWidth: 1.5 } },
      {
        transform: [{ window: [{ op: 'rank', as: 'rank' }], sort: [{ field: 'period', order: 'descending' }] }, { filter: 'datum.rank === 1' }],
        mark: { type: 'point', filled: true, color: COLORS.value, size: 20 },
      },
      ...(options.target === undefined
        ? []
        : [
            {
              data: { values: [{ target: options.target }] },
              mark: { type: 'rule' as const, color: COLORS.target, strokeDash: [3, 2] },
              encoding: { y: { field: 'target', type: 'quantitative' as const }, x: undefined },
            },
          ]),
    ],
  } as TopLevelSpec;
}
