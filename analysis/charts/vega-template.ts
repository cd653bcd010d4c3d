import type { Spec as VgSpec } from 'vega';

/**
 * A compiled Vega spec split into what a live view can take as updates (inline data, title,
 * axis and legend titles, axis formats) and the rest. Two specs with the same `key` draw with
 * the same view: switching indicator or year then updates data and signals instead of
 * compiling, parsing and rebuilding the chart's DOM.
 */
export interface VegaTemplate {
  /** The spec without its variable parts: equal keys, interchangeable views. */
  key: string;
  /** The spec to draw from scratch: variable texts read from signals, data inline. */
  spec: VgSpec;
  /** Inline data sets by name. */
  data: Record<string, unknown[]>;
  /** Values of the signals that replaced texts. */
  signals: Record<string, unknown>;
}

const ids = new WeakMap<object, number>();
let lastId = 0;
/** A number per object, for the key: the same parsed boundary file gives the same key. */
function identity(o: object): number {
  const known = ids.get(o);
  if (known !== undefined) return known;
  ids.set(o, ++lastId);
  return lastId;
}

/** Signals added here start with this; their values are not part of the key. */
const PREFIX = 'tpl_';

type Scope = Record<string, unknown>;

const isText = (v: unknown): boolean => typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string'));

export function vegaTemplate(vg: VgSpec): VegaTemplate {
  const signals: Record<string, unknown> = {};
  // Guide texts that became signals, as Vega-Lite also writes them into mark expressions.
  const guideTitles: Array<[string, string]> = [];
  const guideFormats: Array<[string, string]> = [];
  const toSignal = (name: string, value: unknown) => {
    signals[name] = value;
    return { signal: name };
  };
  // Copies only the objects it changes; the input spec is left as it was.
  const scope = (s: Scope, path: string): Scope => {
    const out: Scope = { ...s };
    const title = s.title;
    if (isText(title)) out.title = { text: toSignal(`${PREFIX}${path}title`, title) };
    else if (title && typeof title === 'object' && isText((title as Scope).text)) {
      out.title = { ...(title as Scope), text: toSignal(`${PREFIX}${path}title`, (title as Scope).text) };
    }
    const guides = (kind: 'axes' | 'legends') => {
      const list = s[kind];
      if (!Array.isArray(list)) return;
      out[kind] = list.map((g: Scope, i: number) => {
        const c: Scope = { ...g };
        if (isText(g.title)) {
          const name = `${PREFIX}${path}${kind}${i}_title`;
          c.title = toSignal(name, g.title);
          if (typeof g.title === 'string') guideTitles.push([name, g.title]);
        }
        if (typeof g.format === 'string') {
          const name = `${PREFIX}${path}${kind}${i}_format`;
          c.format = toSignal(name, g.format);
          guideFormats.push([name, g.format]);
        }
        return c;
      });
    };
    guides('axes');
    guides('legends');
    if (Array.isArray(s.marks)) {
      out.marks = s.marks.map((m: Scope, i: number) => (m.type === 'group' ? scope(m, `${path}g${i}_`) : m));
    }
    return out;
  };
  const spec = scope(vg as Scope, '') as Scope;
  // Signals the spec itself names tpl_… (Vega-Lite params, e.g. points.ts's number format)
  // are variable parts too: out of the key, and updated in a live view.
  const own = ((spec.signals as Scope[] | undefined) ?? []).filter((g) => typeof g.name === 'string' && g.name.startsWith(PREFIX) && 'value' in g);
  for (const g of own) signals[g.name as string] = g.value;
  spec.signals = ((spec.signals as Scope[] | undefined) ?? []).filter((g) => !own.includes(g));
  // Vega-Lite writes axis titles and formats into mark expressions too, as string literals
  // (aria descriptions "T: …", tooltips format(…, ",.1f")): read them from the same signals,
  // or every unit of measure and every number of decimals would make another template.
  const literal = (text: string) => JSON.stringify(text).slice(1, -1);
  const substitute = (expr: string): string => {
    for (const [name, text] of guideTitles) {
      const t = literal(text);
      expr = expr.split(`"${t}: "`).join(`${name} + ": "`).split(`"; ${t}: "`).join(`"; " + ${name} + ": "`);
    }
    for (const [name, format] of guideFormats) expr = expr.split(`, "${literal(format)}")`).join(`, ${name})`);
    return expr;
  };
  const describe = (m: Scope): Scope => {
    if (m.type === 'group' && Array.isArray(m.marks)) return { ...m, marks: m.marks.map(describe) };
    const encode = m.encode as Record<string, Record<string, unknown>> | undefined;
    if (!encode || guideTitles.length + guideFormats.length === 0) return m;
    const out: Record<string, Record<string, unknown>> = {};
    for (const [set, enc] of Object.entries(encode)) {
      out[set] = Object.fromEntries(
        Object.entries(enc).map(([channel, v]) => {
          const sig = (v as { signal?: unknown } | null)?.signal;
          return [channel, typeof sig === 'string' ? { ...(v as Scope), signal: substitute(sig) } : v];
        }),
      );
    }
    return { ...m, encode: out };
  };
  if (Array.isArray(spec.marks)) spec.marks = spec.marks.map(describe);
  // Lay out again on every update (the labels of another indicator have another width);
  // Vega sizes the view only once otherwise.
  const autosize = spec.autosize ?? 'pad';
  spec.autosize = typeof autosize === 'string' ? { type: autosize, resize: true } : { ...(autosize as Scope), resize: true };
  const data: Record<string, unknown[]> = {};
  for (const d of (spec.data as Scope[] | undefined) ?? []) {
    // view.data() takes rows as they are: values the view would first parse (a format with
    // parse or property, e.g. GeoJSON features) stay part of the key.
    const format = d.format as Scope | undefined;
    if (Array.isArray(d.values) && !format?.parse && !format?.property) data[d.name as string] = d.values;
  }
  spec.signals = [...((spec.signals as Scope[] | undefined) ?? []), ...Object.entries(signals).map(([name, value]) => ({ name, value }))];
  const key = JSON.stringify(spec, function (this: unknown, k, v: unknown) {
    const holder = this as Scope;
    if (k === 'values' && typeof holder.name === 'string' && holder.name in data) return undefined;
    // Other inline values (a boundary file's features) by identity: writing out the whole
    // GeoJSON on every redraw would cost more than the drawing.
    if (k === 'values' && typeof holder.name === 'string' && v !== null && typeof v === 'object') return `values#${identity(v)}`;
    if (k === 'value' && typeof holder.name === 'string' && holder.name.startsWith(PREFIX)) return undefined;
    return v;
  });
  return { key, spec: spec as VgSpec, data, signals };
}
