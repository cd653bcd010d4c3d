import type { TopLevelSpec } from 'vega-lite';
import type { IndicatorResult } from '../indicators/result.js';
import { label, type ChartLang } from './labels.js';
import { COLORS, SEQUENTIAL_SCHEME } from './palette.js';
import { numberFormat } from './points.js';

/** Commune boundaries as GeoJSON features (boundaries.ts reads GeoJSON and TopoJSON files). */
export type Boundaries = { kind: 'geojson'; data: { type: 'FeatureCollection'; features: Array<{ properties?: Record<string, unknown> | null }> }; codeProperty: string };

/** The feature property holding 5-digit commune codes, found by looking at the values. */
export function findCodeProperty(features: Array<{ properties?: Record<string, unknown> | null }>): string | null {
  const counts = new Map<string, number>();
  for (const f of features) {
    for (const [k, v] of Object.entries(f.properties ?? {})) {
      if (/^\d{4,5}$/.test(String(v).trim())) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [k, n] of counts) if (n > bestCount) [best, bestCount] = [k, n];
  return bestCount >= Math.max(1, features.length / 2) ? best : null;
}

export interface ChoroplethOptions {
  lang: ChartLang;
  title: string;
  unit: string;
  decimals: number;
}

/** Communes coloured by value; communes with no value get an explicit "no data" grey. */
export function choroplethSpec(boundaries: Boundaries, results: IndicatorResult[], options: ChoroplethOptions): TopLevelSpec {
  const { lang } = options;
  const fmt = numberFormat(options.decimals);
  const values = results.map((r) => ({ code: r.unit_code, name: r.unit_name, value: r.value }));
  const data = { values: boundaries.data, format: { type: 'json' as const, property: 'features' } };
  const noData = label('noData', lang);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: 560,
    height: 480,
    data,
    transform: [
      // Codes in boundary files often lost their leading zeros too.
      { calculate: `pad(toString(datum.properties['${boundaries.codeProperty}']), 5, '0', 'left')`, as: 'code' },
      { lookup: 'code', from: { data: { values }, key: 'code', fields: ['name', 'value'] } },
      { calculate: `isValid(datum.value) ? '' : '${noData}'`, as: 'missing' },
    ],
    projection: { type: 'mercator' },
    layer: [
      {
        // Its own legend entry, so grey reads as "no data", not as a low value.
        transform: [{ filter: '!isValid(datum.value)' }],
        mark: { type: 'geoshape', stroke: '#fff', strokeWidth: 0.5 },
        encoding: {
          color: { field: 'missing', type: 'nominal', scale: { domain: [noData], range: [COLORS.noData] }, legend: { title: null } },
          tooltip: [{ field: 'code', title: label('commune', lang) }, { field: 'missing', title: noData }],
        },
      },
      {
        transform: [{ filter: 'isValid(datum.value)' }],
        mark: { type: 'geoshape', stroke: '#fff', strokeWidth: 0.5 },
        encoding: {
          color: { field: 'value', type: 'quantitative', title: options.unit, scale: { scheme: SEQUENTIAL_SCHEME }, legend: { format: fmt } },
          tooltip: [
            { field: 'name', title: label('commune', lang) },
            { field: 'value', title: label('value', lang), format: fmt },
          ],
        },
      },
    ],
    resolve: { scale: { color: 'independent' } },
  } as TopLevelSpec;
}
