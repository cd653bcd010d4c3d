import { compile, type TopLevelSpec } from 'vega-lite';
import { expressionInterpreter } from 'vega-interpreter';
import { parse, View, formatLocale } from 'vega';
import { EN_FORMAT_LOCALE, VI_FORMAT_LOCALE, type ChartLang } from './labels.js';

/** Apply the language's number format (72,4 · 94.323) to every chart Vega draws. */
export function useChartLocale(lang: ChartLang): void {
  formatLocale(lang === 'vi' ? VI_FORMAT_LOCALE : EN_FORMAT_LOCALE);
}

/**
 * Render a Vega-Lite spec to SVG text without a DOM (reports, the briefing, tests). Uses the
 * expression interpreter, exactly as the app does under its CSP (no eval).
 */
export async function renderSvg(spec: TopLevelSpec, lang: ChartLang = 'vi'): Promise<string> {
  useChartLocale(lang);
  const vgSpec = compile(spec).spec;
  const view = new View(parse(vgSpec, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
