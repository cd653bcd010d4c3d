import { useEffect, useRef, useState } from 'react';
import embed, { type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { TopLevelSpec } from 'vega-lite';
import { EN_FORMAT_LOCALE, VI_FORMAT_LOCALE } from '../../analysis/charts/labels.js';
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
 * eval), SVG renderer, the language's number format, and SVG/PNG export buttons.
 */
export function VegaChart({ spec, name, label, exportable = true, testId }: Props) {
  const { lang, tv } = useViewText();
  const ref = useRef<HTMLDivElement>(null);
  const result = useRef<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const el = ref.current;
    if (!el) return;
    // Let the new values paint first; the chart follows right after that frame.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => void draw(el), 0)));
    const draw = (target: HTMLDivElement) => {
      const start = performance.now();
      return embed(target, spec, {
      ast: true,
      expr: expressionInterpreter,
      actions: false,
      renderer: 'svg',
      formatLocale: lang === 'vi' ? VI_FORMAT_LOCALE : EN_FORMAT_LOCALE,
    }).then(
      (r) => {
        // bench:views reads these to say which chart costs what.
        performance.measure(`chart:${name.split('-')[0]}`, { start });
        if (cancelled) r.finalize();
        else {
          result.current?.finalize();
          result.current = r;
          setError(null);
          // Tests and bench:views wait on this to know the chart shows the current spec.
          const fig = target.parentElement;
          if (fig) fig.dataset.renders = String(Number(fig.dataset.renders ?? 0) + 1);
        }
      },
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    };
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [spec, lang]);

  useEffect(() => () => result.current?.finalize(), []);

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
