import { describe, expect, it } from 'vitest';
import { trendSpec } from '../../../analysis/charts/trend.js';
import { rankedDotsSpec } from '../../../analysis/charts/ranked-dots.js';
import { sparklineSpec } from '../../../analysis/charts/sparkline.js';
import { pyramidSpec } from '../../../analysis/charts/pyramid.js';
import { choroplethSpec, findCodeProperty } from '../../../analysis/charts/choropleth.js';
import { parseBoundaries } from '../../../analysis/charts/boundaries.js';
import { renderSvg } from '../../../analysis/charts/svg.js';
import { result } from './fixtures.js';

const series = [
  result({ period: '2022', value: 112.4, lower: 101.2, upper: 124.9 }),
  result({ period: '2023', value: 109.8, lower: 99.1, upper: 121.5, flag: 'unreliable' }),
  result({ period: '2024', value: 107.3, lower: 97.0, upper: 118.7 }),
];

describe('trend', () => {
  it('draws the band, the line, flagged points and the target, in Vietnamese number format', async () => {
    const spec = trendSpec(series, { lang: 'vi', title: 'Tỷ số giới tính khi sinh', unit: 'trai/100 gái', decimals: 1, target: 111 });
    expect(spec).toMatchSnapshot();
    const svg = await renderSvg(spec, 'vi');
    expect(svg).toContain('Tỷ số giới tính khi sinh');
    expect(svg).toContain('Chỉ tiêu');
    // Axis ticks use the Vietnamese decimal comma.
    expect(svg).toMatch(/>1\d\d,0</);
    expect(svg).not.toMatch(/>1\d\d\.0</);
  });

  it("tells a screen reader each point's value, interval and flag in words, and a count's lack of interval without 'null'", async () => {
    const points = [
      result({ period: '2022', value: 112.4, lower: 101.2, upper: 124.9 }),
      result({ period: '2023', value: 1234, lower: null, upper: null, flag: 'unreliable' }),
      result({ period: '2024', value: -2, lower: -4.48, upper: -0.03 }),
    ];
    const svg = await renderSvg(trendSpec(points, { lang: 'vi', title: 'T', unit: 'u', decimals: 2 }), 'vi');
    const labels = [...svg.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]);
    expect(labels).toContain('Xã Khao Mang, 2022: 112,40 (KTC 95% 101,20–124,90)');
    // A negative interval keeps its bounds apart; a value without one says nothing of it.
    expect(labels).toContain('Xã Khao Mang, 2024: −2,00 (KTC 95% −4,48 – −0,03)');
    expect(labels).toContain('Xã Khao Mang, 2023: 1.234,00, Ít sự kiện (&lt; 20)');
    expect(svg).not.toMatch(/null|flagged|lower:|upper:/);
    const en = await renderSvg(trendSpec(points, { lang: 'en', title: 'T', unit: 'u', decimals: 1 }), 'en');
    expect(en).toContain('aria-label="Xã Khao Mang, 2022: 112.4 (95% CI 101.2–124.9)"');
  });

  it('writes quarters and months as the language does, on the axis and for screen readers', async () => {
    const points = [result({ period: '2021-Q1', value: 112.4 }), result({ period: '2021-Q2', value: 110 }), result({ period: '2021-03', value: 108 })];
    const vi = await renderSvg(trendSpec(points, { lang: 'vi', title: 'T', unit: 'u', decimals: 1 }), 'vi');
    expect(vi).toContain('>Quý 1/2021</text>');
    expect(vi).toContain('>03/2021</text>');
    expect(vi).toContain('aria-label="Xã Khao Mang, Quý 2/2021: 110,0 (KTC 95% 100,0–120,0)"');
    expect(vi).not.toMatch(/>2021-Q\d</);
    const en = await renderSvg(trendSpec(points, { lang: 'en', title: 'T', unit: 'u', decimals: 1 }), 'en');
    expect(en).toContain('>Q1 2021</text>');
    // Pooled windows with an en dash, as the cards write them; years as they are.
    const pooled = await renderSvg(trendSpec([result({ period: '2023-2025', value: 1 })], { lang: 'vi', title: 'T', unit: 'u', decimals: 1 }), 'vi');
    expect(pooled).toContain('>2023–2025</text>');
    expect(pooled).toContain('aria-label="Xã Khao Mang, 2023–2025: 1,0');
    const years = await renderSvg(trendSpec([result({ period: '2024', value: 1 })], { lang: 'vi', title: 'T', unit: 'u', decimals: 1 }), 'vi');
    expect(years).toContain('>2024</text>');
  });

  it('uses the English format when asked', async () => {
    const svg = await renderSvg(trendSpec(series, { lang: 'en', title: 'SRB', unit: 'boys/100 girls', decimals: 1 }), 'en');
    expect(svg).toMatch(/>1\d\d\.0</);
    expect(svg).not.toContain('Target');
  });
});

describe('ranked dots, sparkline, pyramid', () => {
  it('renders communes ranked with intervals and the province line', async () => {
    const rows = [
      result({ unit_code: '1', unit_name: 'Xã A', value: 105 }),
      result({ unit_code: '2', unit_name: 'Xã B', value: 118 }),
    ];
    const spec = rankedDotsSpec(rows, { lang: 'vi', title: 'SRB', unit: '', decimals: 1, reference: 111.2, target: 111 });
    expect(spec).toMatchSnapshot();
    const svg = await renderSvg(spec);
    expect(svg.indexOf('Xã B')).toBeLessThan(svg.indexOf('Xã A')); // descending by value
    expect(svg).toContain('aria-label="Xã B: 118,0 (KTC 95% 100,0–120,0)"');
    expect(svg).not.toMatch(/flagged|null/);
    // The dashed lines are named on the chart itself, the lower line's name to its left and
    // the higher's to its right, so that close lines (111 and 111.2) do not print on each other.
    expect(svg).toMatch(/<text text-anchor="end"[^>]*>Chỉ tiêu<\/text>/);
    expect(svg).toMatch(/<text text-anchor="start"[^>]*>Toàn tỉnh<\/text>/);
  });

  it('ranks every commune from the highest value down, whatever the input order', async () => {
    const values: Array<[string, number]> = [['Xã Một', 105], ['Xã Hai', 148.3], ['Xã Ba', 81], ['Xã Bốn', 125], ['Xã Năm', 103.8]];
    const rows = values.map(([unit_name, value], i) => result({ unit_code: String(i), unit_name, value, lower: value - 20, upper: value + 20 }));
    const svg = await renderSvg(rankedDotsSpec(rows, { lang: 'vi', title: 'SRB', unit: '', decimals: 1, reference: 111.2 }));
    // Axis labels in drawing order, top to bottom.
    const labels = [...svg.matchAll(/>(Xã [^<]+)</g)].map((m) => m[1]);
    expect(labels).toEqual(['Xã Hai', 'Xã Bốn', 'Xã Một', 'Xã Năm', 'Xã Ba']);
  });

  it('renders a sparkline', async () => {
    const svg = await renderSvg(sparklineSpec(series, { target: 111 }));
    expect(svg).toContain('<svg');
    expect(svg).toContain('width="124"');
  });

  it('renders a pyramid with male shares to the left', async () => {
    const rows = [
      { age_group: '0', sex: 'M' as const, value: 100 },
      { age_group: '0', sex: 'F' as const, value: 95 },
      { age_group: '85+', sex: 'M' as const, value: 5 },
      { age_group: '85+', sex: 'F' as const, value: 12 },
    ];
    const spec = pyramidSpec(rows, { lang: 'vi', title: 'Tháp dân số', overlay: { label: '2021', rows } });
    const values = ((spec as { layer: unknown[] }).layer[0] as { data: { values: Array<{ share: number; sex: string }> } }).data
      .values;
    expect(values[0]).toMatchObject({ sex: 'Nam', share: -(100 * 100) / 212 });
    expect(values[1]).toMatchObject({ sex: 'Nữ', share: (100 * 95) / 212 });
    const svg = await renderSvg(spec);
    expect(svg).toContain('Nhóm tuổi');
    expect(svg).toContain('85+');
  });
});

describe('choropleth', () => {
  const square = (x: number, code: string | number) => ({
    type: 'Feature' as const,
    properties: { ma_xa: code, ten: `Xã ${code}` },
    geometry: { type: 'Polygon', coordinates: [[[104 + x, 22], [104.1 + x, 22], [104.1 + x, 22.1], [104 + x, 22.1], [104 + x, 22]]] },
  });
  const geo = { type: 'FeatureCollection' as const, features: [square(0, 4465), square(0.2, '04456')] };

  it('finds the property holding commune codes', () => {
    expect(findCodeProperty(geo.features)).toBe('ma_xa');
    expect(findCodeProperty([{ properties: { name: 'x' } }])).toBeNull();
  });

  it('reads GeoJSON in either winding and TopoJSON, wound for d3-geo', () => {
    const clockwise = { ...geo, features: geo.features.map((f) => ({ ...f, geometry: { ...f.geometry, coordinates: [f.geometry.coordinates[0]!.slice().reverse()] } })) };
    const a = parseBoundaries(JSON.stringify(geo));
    const b = parseBoundaries(JSON.stringify(clockwise));
    expect(a.codeProperty).toBe('ma_xa');
    // RFC 7946 (anticlockwise) input comes out reversed; clockwise input unchanged: the same rings.
    expect(a.data).toEqual(b.data);
    expect(b.data.features[0]).toEqual(clockwise.features[0]);
    // The same squares as TopoJSON (no transform: arcs in absolute coordinates).
    const ring = (x: number) => [[104 + x, 22], [104.1 + x, 22], [104.1 + x, 22.1], [104 + x, 22.1], [104 + x, 22]];
    const topo = {
      type: 'Topology',
      arcs: [ring(0), ring(0.2)],
      objects: { xa: { type: 'GeometryCollection', geometries: [{ type: 'Polygon', arcs: [[0]], properties: { ma: '04465' } }, { type: 'Polygon', arcs: [[1]], properties: { ma: '04456' } }] } },
    };
    const t = parseBoundaries(JSON.stringify(topo));
    expect(t.codeProperty).toBe('ma');
    expect(t.data.features).toHaveLength(2);
    expect(t.data.features).toEqual(a.data.features.map((f) => ({ type: 'Feature', properties: { ma: (f.properties as { ma_xa: unknown }).ma_xa === 4465 ? '04465' : '04456' }, geometry: (f as { geometry: unknown }).geometry })));
    expect(() => parseBoundaries('{"type":"Topology","objects":{}}')).toThrow(/commune codes/);
    expect(() => parseBoundaries('not json')).toThrow(/JSON/);
  });

  it('colours communes with data and shows the others as no data', async () => {
    const spec = choroplethSpec(parseBoundaries(JSON.stringify(geo)), [result({ unit_code: '04465', value: 3.1 })], {
      lang: 'vi',
      title: 'TFR',
      unit: 'con',
      decimals: 2,
    });
    const svg = await renderSvg(spec);
    // Each commune is drawn as its own square: about half the map's width, never all of it.
    for (const d of svg.match(/aria-roledescription="geoshape"[^>]* d="([^"]+)"/g) ?? []) {
      const xs = [...d.replace(/^.* d="/, '').matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => Number(m[1]));
      expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(560 * 0.6);
    }
    // 04456 has no value: drawn grey, and the legend names the grey class.
    expect(svg).toContain('Không có số liệu');
    const grey = svg.match(/<path[^>]*fill="#d9d9d9"/g) ?? [];
    expect(grey.length).toBe(2); // the commune and its legend swatch
    // 04465 is coloured by its value from the sequential scheme (not grey).
    const shapes = svg.match(/<path[^>]*aria-roledescription="geoshape"[^>]*/g) ?? [];
    expect(shapes).toHaveLength(2);
    expect(shapes.filter((p) => !p.includes('#d9d9d9'))).toHaveLength(1);
  });
});
