import { describe, expect, it } from 'vitest';
import { classifyFunnel, funnelLimits, funnelSpec } from '../../../analysis/charts/funnel.js';
import { renderSvg } from '../../../analysis/charts/svg.js';
import { result } from './fixtures.js';

describe('funnel limits', () => {
  it('proportion: p ± z·√(p(1−p)/n), in %', () => {
    // 62% over 400 pregnancies: se = √(0.62·0.38/400) = 0.024269; ±1.96 → 57.243%, 66.757%
    const [lo, hi] = funnelLimits(62, 400, 1.959963984540054, { kind: 'proportion' });
    expect(lo).toBeCloseTo(57.2433, 3);
    expect(hi).toBeCloseTo(66.7567, 3);
  });

  it('rate per 1000: R ± z·√(R·1000/n)', () => {
    // CBR 15‰ over 20,000 people: se = √(15·1000/20000) = 0.866025
    const [lo, hi] = funnelLimits(15, 20000, 2, { kind: 'rate', scale: 1000 });
    expect(lo).toBeCloseTo(15 - 1.732051, 5);
    expect(hi).toBeCloseTo(15 + 1.732051, 5);
  });

  it('sex ratio: binomial on the share of boys, mapped back', () => {
    // SRB 110 → p = 110/210; n = 1000 births; se = √(p(1−p)/1000)
    const p = 110 / 210;
    const se = Math.sqrt((p * (1 - p)) / 1000);
    const [lo, hi] = funnelLimits(110, 1000, 1.96, { kind: 'sex_ratio' });
    const plo = p - 1.96 * se;
    const phi = p + 1.96 * se;
    expect(lo).toBeCloseTo((100 * plo) / (1 - plo), 8);
    expect(hi).toBeCloseTo((100 * phi) / (1 - phi), 8);
  });

  it('names the communes outside the 99.8% limits', () => {
    const units = classifyFunnel(
      [
        result({ unit_code: 'a', unit_name: 'A', value: 62, denominator: 400, indicator: 'prenatal_screening' }),
        result({ unit_code: 'b', unit_name: 'B', value: 80, denominator: 400 }),
        result({ unit_code: 'c', unit_name: 'C', value: 40, denominator: 400 }),
        result({ unit_code: 'd', unit_name: 'D', value: 67.5, denominator: 400 }),
      ],
      62,
      { kind: 'proportion' },
    );
    // 99.8% at n=400: 62 ± 3.0902·2.4269 = 54.50 … 69.50; 95%: 57.24 … 66.76
    expect(units.map((u) => [u.unit_code, u.position])).toEqual([
      ['a', ''],
      ['b', 'above'],
      ['c', 'below'],
      ['d', 'warn'],
    ]);
  });

  it('renders to SVG with the outlying communes labelled', async () => {
    const svg = await renderSvg(
      funnelSpec(
        [
          result({ unit_name: 'Xã Bắc Hà', value: 80, denominator: 400 }),
          result({ unit_code: '2', unit_name: 'Xã Si Ma Cai', value: 61, denominator: 900 }),
        ],
        { lang: 'vi', title: 'Sàng lọc trước sinh', unit: '%', decimals: 1, model: { kind: 'proportion' }, centre: 62 },
      ),
    );
    // Labels are text marks; points carry names only in their tooltips.
    expect(svg).toContain('>Xã Bắc Hà</text>');
    expect(svg).not.toContain('>Xã Si Ma Cai</text>'); // inside the limits: not labelled
    expect(svg).toContain('Sàng lọc trước sinh');
    expect(svg).toContain("X-axis titled 'Mẫu số'");
  });

  it("names a sex ratio's size all births, which it plots, not the girls of its denominator", async () => {
    const srb = [result({ unit_name: 'Xã Bắc Hà', value: 110, numerator: 165, denominator: 150 })];
    const svg = await renderSvg(
      funnelSpec(srb, { lang: 'vi', title: 'SRB', unit: '', decimals: 1, model: { kind: 'sex_ratio' }, centre: 110 }),
      'vi',
    );
    expect(svg).toContain("X-axis titled 'Số trẻ sinh ra (trai + gái)'");
    expect(classifyFunnel(srb, 110, { kind: 'sex_ratio' })[0]!.size).toBe(315);
  });
});
