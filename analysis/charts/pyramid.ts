import type { TopLevelSpec } from 'vega-lite';
import { AGE_GROUPS } from '../model/age-groups.js';
import { label, type ChartLang } from './labels.js';
import { COLORS } from './palette.js';

export interface PyramidRow {
  age_group: string;
  sex: 'M' | 'F';
  value: number;
}

export interface PyramidOptions {
  lang: ChartLang;
  title: string;
  /** Another year or unit drawn as an outline over the bars. */
  overlay?: { label: string; rows: PyramidRow[] } | undefined;
  mainLabel?: string;
}

/**
 * Population by 5-year age group and sex: males to the left, females to the right, as
 * shares of the total so that an overlay of a different-sized population compares shapes.
 */
export function pyramidSpec(rows: PyramidRow[], options: PyramidOptions): TopLevelSpec {
  const { lang } = options;
  const share = (rs: PyramidRow[], series: string) => {
    const total = rs.reduce((s, r) => s + r.value, 0) || 1;
    return rs.map((r) => ({
      age_group: r.age_group,
      sex: r.sex === 'M' ? label('male', lang) : label('female', lang),
      persons: r.value,
      share: ((r.sex === 'M' ? -1 : 1) * 100 * r.value) / total,
      series,
    }));
  };
  const main = share(rows, options.mainLabel ?? '');
  const y = {
    field: 'age_group',
    type: 'ordinal' as const,
    title: label('ageGroup', lang),
    // Oldest on top; 0–4 when the data merged 0 and 1–4 (see view-data.ts).
    sort: [...AGE_GROUPS.slice(0, 2), '0-4', ...AGE_GROUPS.slice(2)].reverse(),
  };
  const x = {
    field: 'share',
    type: 'quantitative' as const,
    title: '%',
    axis: { labelExpr: "format(abs(datum.value), ',.1f')" },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: 520,
    height: 380,
    layer: [
      {
        data: { values: main },
        mark: { type: 'bar' },
        encoding: {
          y,
          x,
          color: {
            field: 'sex',
            type: 'nominal',
            title: label('sex', lang),
            scale: { domain: [label('male', lang), label('female', lang)], range: [COLORS.male, COLORS.female] },
          },
          tooltip: [
            { field: 'age_group', title: label('ageGroup', lang) },
            { field: 'sex', title: label('sex', lang) },
            { field: 'persons', title: label('persons', lang), format: ',.0f' },
          ],
        },
      },
      ...(options.overlay
        ? [
            {
              data: { values: share(options.overlay.rows, options.overlay.label) },
              mark: { type: 'bar' as const, fill: null, stroke: '#000', strokeWidth: 1 },
              encoding: { y, x, tooltip: [{ field: 'series' }, { field: 'persons', format: ',.0f' }] },
            },
          ]
        : []),
    ],
  } as TopLevelSpec;
}
