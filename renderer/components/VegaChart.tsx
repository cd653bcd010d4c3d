import { useEffect, useMemo, useRef, useState } from 'react';
import embed, { type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import { EN_FORMAT_LOCALE, VI_FORMAT_LOCALE } from '../../analysis/charts/labels.js';
import { vegaTemplate } from '../../analysis/charts/vega-template.js';
import { platform } from '../platform/index.js';
import { useViewText } from '../i18n/views-messages.js';

interface Props {
  spec: TopLevelSpec;
  /** File name of exports, without extension. */
  name: string;
  /** What the chart shows, for screen readers. */
  label: string;
  /** Small charts (sparklines) have no export buttons. */
  exportable?: boolean;
  testId?: string;
}

function dataUrlBytes(url: string): Uint8Array {
  const bin = atob(url.slice(url.indexOf(',') + 1));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * A Vega-Lite chart under the strict CSP: vega-embed with the expression interpreter (no
 * eval), SVG renderer, the language's number format, and SVG/PNG export buttons. A new spec
 * of the same shape (another indicator, unit or year) updates the live view.
 */
export function VegaChart({ spec, name, label, exportable = true, testId }: Props) {
  const { lang, tv } = useViewText();
  const ref = useRef<HTMLDivElement>(null);
  const result = useRef<Result | null>(null);
  // Template key and language of the live view: a spec with the same key is drawn by
  // updating that view (vega-template.ts) rather than by building a new one.
  const drawn = useRef<string | null>(null);
  // Draws run one after another, so an update never lands on a view being replaced.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const [error, setError] = useState<string | null>(null);
  // Compiled here, during render: an error is shown in place of the chart, not thrown.
  const template = useMemo(() => {
    try {
      return vegaTemplate(compile(spec).spec);
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  }, [spec]);
  const mounted = useRef(true);
  // Forget the drawing: after a failure the old chart must not stay on screen or be exported.
  const clear = (target: HTMLDivElement) => {
    result.current?.finalize();
    result.current = null;
    drawn.current = null;
    target.replaceChildren();
  };

  useEffect(() => {
    let superseded = false;
    const el = ref.current;
    if (!el) return;
    const draw = async (target: HTMLDivElement) => {
      if (superseded) return;
      if (template instanceof Error) {
        clear(target);
        setError(template.message);
        return;
      }
      const start = performance.now();
      const key = `${lang}\n${template.key}`;
      const live = result.current;
      const update = live !== null && drawn.current === key;
      try {
        if (update) {
          for (const [n, v] of Object.entries(template.signals)) live.view.signal(n, v);
          for (const [n, v] of Object.entries(template.data)) live.view.data(n, v);
          await live.view.runAsync();
        } else {
          const r = await embed(target, template.spec, {
            mode: 'vega',
            ast: true,
            expr: expressionInterpreter,
            actions: false,
            renderer: 'svg',
            formatLocale: lang === 'vi' ? VI_FORMAT_LOCALE : EN_FORMAT_LOCALE,
          });
          live?.finalize();
          if (!mounted.current) {
            // Unmounted while drawing: nobody will finalize this view later.
            r.finalize();
            return;
          }
          result.current = r;
          drawn.current = key;
        }
        // bench:views reads these to say which chart costs what, updated or built anew.
        performance.measure(`chart:${name.split('-')[0]}${update ? '' : ' (new view)'}`, { start });
        if (superseded) return;
        setError(null);
        // Tests and bench:views wait on this to know the chart shows the current spec.
        const fig = target.parentElement;
        if (fig) fig.dataset.renders = String(Number(fig.dataset.renders ?? 0) + 1);
      } catch (e) {
        clear(target);
        if (!superseded) setError(e instanceof Error ? e.message : String(e));
      }
    };
    // Drawn in the same task as the new values (an update takes a few milliseconds): one
    // layout and paint for both, instead of a frame of values and a frame of charts.
    queue.current = queue.current.then(() => draw(el));
    return () => {
      superseded = true;
    };
  }, [template, lang]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      result.current?.finalize();
      result.current = null;
      drawn.current = null;
    };
  }, []);

  const save = async (kind: 'svg' | 'png') => {
    const view = result.current?.view;
    if (!view) return;
    const bytes = kind === 'svg' ? new TextEncoder().encode(await view.toSVG()) : dataUrlBytes(await view.toImageURL('png', 2));
    await platform.saveFile(`${name}.${kind}`, bytes);
  };

  return (
    <figure className="chart" data-testid={testId}>
      <div ref={ref} role="img" aria-label={label} />
      {error && <p className="error">{error}</p>}
      {exportable && (
        <figcaption className="chart-actions no-print">
          <button type="button" className="secondary" onClick={() => void save('svg')} aria-label={`${tv('exportSvg')}: ${label}`}>
            {tv('exportSvg')}
          </button>
          <button type="button" className="secondary" onClick={() => void save('png')} aria-label={`${tv('exportPng')}: ${label}`}>
            {tv('exportPng')}
          </button>
        </figcaption>
      )}
    </figure>
  );
}
