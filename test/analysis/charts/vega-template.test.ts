import { describe, expect, it } from 'vitest';
import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View, type Spec as VgSpec } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { rankedDotsSpec } from '../../../analysis/charts/ranked-dots.js';
import { funnelSpec } from '../../../analysis/charts/funnel.js';
import { trendSpec } from '../../../analysis/charts/trend.js';
import { useChartLocale } from '../../../analysis/charts/svg.js';
import { vegaTemplate } from '../../../analysis/charts/vega-template.js';
import { result } from './fixtures.js';

const view = (spec: VgSpec) => new View(parse(spec, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter });
const svgOf = async (spec: VgSpec) => {
  const v = view(spec);
  try {
    return await v.toSVG();
  } finally {
    v.finalize();
  }
};
const compiled = (spec: TopLevelSpec) => compile(spec).spec;
// Every SVG element with its attributes, in any order: a live view that reorders its rows
// moves the same elements to new places rather than writing them in the new order.
const drawing = (svg: string) => svg.split(/(?=<)/).sort();

const communes = (n: number, base: number) =>
  Array.from({ length: n }, (_, i) =>
    result({ unit_code: String(100 + i), unit_name: `Xã ${i}`, value: base + i, lower: base + i - 3, upper: base + i + 4, denominator: 400 + 50 * i }),
  );
const cbr = rankedDotsSpec(communes(12, 14), { lang: 'vi', title: 'Tỷ suất sinh thô, 2024', unit: '‰', decimals: 1, reference: 15, target: 16 });
const tfr = rankedDotsSpec(communes(7, 2), { lang: 'vi', title: 'Tổng tỷ suất sinh', unit: 'con/phụ nữ', decimals: 2, reference: 2.1 });
// The same communes ranked the other way round: an updated view must reorder its rows.
const cbrNext = rankedDotsSpec(
  communes(12, 14).map((r, i) => ({ ...r, value: 30 - i, lower: 27 - i, upper: 34 - i })),
  { lang: 'vi', title: 'Tỷ suất sinh thô, 2025', unit: '‰', decimals: 1, reference: 15, target: 16 },
);
const srb = rankedDotsSpec(communes(7, 104), { lang: 'vi', title: 'Tỷ số giới tính khi sinh, 2023', unit: 'trai/100 gái', decimals: 1, reference: 111, target: 111 });

describe('vega template', () => {
  it('gives two indicators of one chart kind the same key, whatever their units and decimals', () => {
    expect(vegaTemplate(compiled(cbr)).key).toBe(vegaTemplate(compiled(srb)).key);
    expect(vegaTemplate(compiled(tfr)).key).toBe(vegaTemplate(compiled(cbr)).key);
    const trend = trendSpec(communes(3, 14), { lang: 'vi', title: 'CBR', unit: '‰', decimals: 1 });
    expect(vegaTemplate(compiled(trend)).key).not.toBe(vegaTemplate(compiled(cbr)).key);
  });

  it('keeps in the key the values a view must parse first', () => {
    const spec = (day: string) =>
      ({ data: [{ name: 'a', values: [{ d: day }], format: { type: 'json', parse: { d: 'date' } } }] }) as unknown as VgSpec;
    const a = vegaTemplate(spec('2024-01-01'));
    expect(a.data).toEqual({});
    expect(vegaTemplate(spec('2025-01-01')).key).not.toBe(a.key);
  });

  it('draws exactly what the spec it came from draws', async () => {
    useChartLocale('vi');
    for (const spec of [cbr, srb]) {
      const vg = compiled(spec);
      expect(await svgOf(vegaTemplate(vg).spec)).toBe(await svgOf(vg));
    }
  });

  it('updates a live view to another indicator: the same drawing as a fresh view', async () => {
    useChartLocale('vi');
    const cases: Array<[TopLevelSpec, TopLevelSpec]> = [
      [cbr, srb],
      [srb, tfr],
      [cbr, cbrNext],
      [
        funnelSpec(communes(12, 14), { lang: 'vi', title: 'Phễu: CBR', unit: '‰', decimals: 1, model: { kind: 'rate', scale: 1000 }, centre: 18 }),
        funnelSpec(communes(7, 104), { lang: 'vi', title: 'Phễu: SRB', unit: 'trai/100 gái', decimals: 1, model: { kind: 'sex_ratio' }, centre: 111 }),
      ],
    ];
    for (const [from, to] of cases) {
      const a = vegaTemplate(compiled(from));
      const b = vegaTemplate(compiled(to));
      expect(b.key).toBe(a.key);
      const live = view(a.spec);
      await live.runAsync();
      for (const [name, value] of Object.entries(b.signals)) live.signal(name, value);
      for (const [name, values] of Object.entries(b.data)) live.data(name, values);
      await live.runAsync();
      const updated = await live.toSVG();
      live.finalize();
      const fresh = await svgOf(compiled(to));
      const title = new Map([[srb, 'Tỷ số giới tính khi sinh, 2023'], [tfr, 'Tổng tỷ suất sinh'], [cbrNext, 'Tỷ suất sinh thô, 2025']]);
      expect(updated).toContain(title.get(to) ?? 'Phễu: SRB');
      expect(drawing(updated)).toEqual(drawing(fresh));
    }
  });
});
