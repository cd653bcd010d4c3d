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

/**
 * The same trend as a plain SVG path for dashboards that redraw many cards at once: points
 * (x = index, y = value) scaled into width × height, gaps where a value is missing.
 */
export function sparklinePath(values: Array<number | null>, width: number, height: number, pad = 3): { d: string; last: [number, number] | null } {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0) return { d: '', last: null };
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const span = hi - lo || 1;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  let d = '';
  let pen = false;
  let last: [number, number] | null = null;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    const x = values.length > 1 ? pad + i * step : width / 2;
    const y = hi === lo ? height / 2 : pad + (height - 2 * pad) * (1 - (v - lo) / span);
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
    pen = true;
    last = [Number(x.toFixed(1)), Number(y.toFixed(1))];
  });
  return { d, last };
}
