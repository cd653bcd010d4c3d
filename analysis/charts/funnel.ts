import type { TopLevelSpec } from 'vega-lite';
import type { IndicatorResult } from '../indicators/result.js';
import { label, type ChartLang } from './labels.js';
import { COLORS } from './palette.js';
import { numberFormat } from './points.js';

/**
 * How an indicator's sampling variance depends on its denominator, for funnel limits:
 * proportion in % (binomial), rate per `scale` (Poisson), or a sex ratio (binomial on the
 * share of boys, mapped back to boys per 100 girls).
 */
export type FunnelModel = { kind: 'proportion' } | { kind: 'rate'; scale: number } | { kind: 'sex_ratio' };

const Z95 = 1.959963984540054;
const Z998 = 3.090232306167813;

/** The size that drives precision: the denominator, or all births for a sex ratio. */
export function funnelSize(r: IndicatorResult, model: FunnelModel): number | null {
  if (r.denominator == null) return null;
  return model.kind === 'sex_ratio' ? (r.numerator ?? 0) + r.denominator : r.denominator;
}

/** Control limits around `centre` for a unit of size n at normal quantile z. */
export function funnelLimits(centre: number, n: number, z: number, model: FunnelModel): [number, number] {
  if (model.kind === 'proportion') {
    const p = centre / 100;
    const se = Math.sqrt((p * (1 - p)) / n);
    return [Math.max(0, p - z * se) * 100, Math.min(1, p + z * se) * 100];
  }
  if (model.kind === 'rate') {
    const se = Math.sqrt((centre * model.scale) / n);
    return [Math.max(0, centre - z * se), centre + z * se];
  }
  const p = centre / (100 + centre);
  const se = Math.sqrt((p * (1 - p)) / n);
  const lo = Math.max(1e-9, p - z * se);
  const hi = Math.min(1 - 1e-9, p + z * se);
  return [(100 * lo) / (1 - lo), (100 * hi) / (1 - hi)];
}

export interface FunnelUnit {
  unit_code: string;
  unit_name: string;
  value: number;
  size: number;
  /** 'above' or 'below' the 99.8% limits, 'warn' outside 95% only, '' inside. */
  position: 'above' | 'below' | 'warn' | '';
}

/** Classify each unit against the limits around the province value. */
export function classifyFunnel(results: IndicatorResult[], centre: number, model: FunnelModel): FunnelUnit[] {
  const out: FunnelUnit[] = [];
  for (const r of results) {
    const size = funnelSize(r, model);
    if (r.value == null || size == null || size <= 0) continue;
    const [lo998, hi998] = funnelLimits(centre, size, Z998, model);
    const [lo95, hi95] = funnelLimits(centre, size, Z95, model);
    const position = r.value > hi998 ? 'above' : r.value < lo998 ? 'below' : r.value > hi95 || r.value < lo95 ? 'warn' : '';
    out.push({ unit_code: r.unit_code, unit_name: r.unit_name, value: r.value, size, position });
  }
  return out;
}

export interface FunnelOptions {
  lang: ChartLang;
  title: string;
  unit: string;
  decimals: number;
  model: FunnelModel;
  /** The province value: the funnel's centre line. */
  centre: number;
}

/** Value against its size (funnelSize) with 95% and 99.8% limits; units outside 99.8% are named. */
export function funnelSpec(results: IndicatorResult[], options: FunnelOptions): TopLevelSpec {
  const { lang, model, centre } = options;
  const units = classifyFunnel(results, centre, model);
  const maxSize = Math.max(10, ...units.map((u) => u.size)) * 1.05;
  const minSize = Math.max(1, Math.min(...units.map((u) => u.size), maxSize) * 0.8);
  const curve: Array<{ size: number; lo95: number; hi95: number; lo998: number; hi998: number }> = [];
  for (let i = 0; i <= 60; i++) {
    const size = minSize * (maxSize / minSize) ** (i / 60);
    const [lo95, hi95] = funnelLimits(centre, size, Z95, model);
    const [lo998, hi998] = funnelLimits(centre, size, Z998, model);
    curve.push({ size, lo95, hi95, lo998, hi998 });
  }
  const fmt = numberFormat(options.decimals);
  // What the size is: the denominator, except for a sex ratio (all births, not the girls alone).
  const sizeTitle = label(model.kind === 'sex_ratio' ? 'allBirths' : 'denominator', lang);
  const x = { field: 'size', type: 'quantitative' as const, title: sizeTitle, scale: { type: 'log' as const } };
  const limit = (field: string, color: string, dash: number[]) => ({
    data: { values: curve },
    mark: { type: 'line' as const, color, strokeDash: dash, strokeWidth: 1.2 },
    encoding: { x, y: { field, type: 'quantitative' as const } },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: 560,
    height: 320,
    layer: [
      limit('lo95', COLORS.limit95, [4, 3]),
      limit('hi95', COLORS.limit95, [4, 3]),
      limit('lo998', COLORS.limit998, []),
      limit('hi998', COLORS.limit998, []),
      {
        data: { values: [{ centre }] },
        mark: { type: 'rule', color: COLORS.value },
        encoding: { y: { field: 'centre', type: 'quantitative' } },
      },
      {
        data: { values: units },
        mark: { type: 'point', filled: true, size: 50 },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', title: options.unit, scale: { zero: false }, axis: { format: fmt } },
          color: {
            field: 'position',
            type: 'nominal',
            scale: { domain: ['', 'warn', 'above', 'below'], range: [COLORS.value, COLORS.band, COLORS.target, COLORS.flagged] },
            legend: null,
          },
          tooltip: [
            { field: 'unit_name', title: label('commune', lang) },
            { field: 'value', title: label('value', lang), format: fmt },
            // One title for every funnel (a tooltip's titles are fixed in the compiled spec, so
            // a different one would rebuild the chart on every switch; the axis says which size).
            { field: 'size', title: label('sampleSize', lang), format: ',.0f' },
          ],
        },
      },
      {
        data: { values: units.filter((u) => u.position === 'above' || u.position === 'below') },
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 10 },
        encoding: { x, y: { field: 'value', type: 'quantitative' }, text: { field: 'unit_name' } },
      },
    ],
  } as TopLevelSpec;
}
