/**
 * `npm run bench:views -- [--workspace DIR] [--switches N] [--skip-build] [--verbose] [--profile]`
 *
 * Switching time of the analysis views in Chromium: the web build opens the workspace in
 * DIR as its demo (default .bench/p5m-workspace, the 5-million-person workspace of
 * bench:import), computes the indicators once, then switches unit, year and indicator N
 * times each. First, under Node, the workspace gets its cube and quality summary saved if it
 * lacks them (as the app does after its first computation), so the page reads no register. Every
 * switch is timed in the page with performance marks, from the change event to the frame
 * after React committed the new values, and to the moment every chart has redrawn; prints
 * the median, p95 and max per kind.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveWeb } from './web.js';
import { computeIndicators } from '../analysis/indicators/index.js';
import { qualitySummary } from '../analysis/ingest/index.js';
import { openNodeWorkspace } from '../analysis/workspace/node-open.js';
import { openBrowser } from '../test/e2e/browser.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};
const wsDir = arg('workspace', '.bench/p5m-workspace');
const switches = Number(arg('switches', '20'));
if (!existsSync(join(wsDir, 'manifest.json'))) {
  console.error(`No workspace in ${wsDir} (build one with npm run bench:import, or pass --workspace DIR)`);
  process.exit(1);
}

{
  const t = performance.now();
  const ws = await openNodeWorkspace(wsDir);
  await computeIndicators(ws.engine, { indicators: ['population'], level: 'province' });
  await qualitySummary(ws.engine);
  if (await ws.saveChanges()) console.log(`cube and quality summary built and saved: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await ws.close();
}

const server = await serveWeb({ quiet: true, port: 4318, skipBuild: process.argv.includes('--skip-build') });
const { page, close } = await openBrowser();
try {
  await page.route(/\/demo\//, async (route) => {
    const name = decodeURIComponent(new URL(route.request().url()).pathname.split('/demo/')[1] ?? '');
    if (name === 'index.json') await route.fulfill({ contentType: 'application/json', body: JSON.stringify(readdirSync(wsDir)) });
    else await route.fulfill({ contentType: 'application/octet-stream', body: readFileSync(join(wsDir, name)) });
  });
  // tsx keeps function names with an __name helper that page.evaluate's code lacks.
  await page.addInitScript('globalThis.__name = (f) => f');
  const t0 = Date.now();
  await page.goto(server.url);
  await page.getByRole('tab', { name: 'Bảng chỉ tiêu' }).click();
  await page.getByTestId('card-tfr').waitFor({ timeout: 1_800_000 });
  console.log(`open workspace + compute every indicator: ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  /** Change a labelled select in the page and time it to the next painted frame. */
  const timeSwitch = (label: string, value: string) =>
    page.evaluate(
      ([label, value]) =>
        new Promise<[number, number]>((resolve) => {
          const select = document.querySelector<HTMLSelectElement>(`main select[aria-label="${label}"]`)!;
          // Charts on show (a hidden one, e.g. the funnel of an indicator without one, keeps its drawing).
          const figures = () => [...document.querySelectorAll<HTMLElement>('main figure.chart')].filter((f) => f.checkVisibility());
          const before = new Map(figures().map((f) => [f, f.dataset.renders ?? '0']));
          const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!;
          performance.mark('switch-start');
          setter.call(select, value);
          select.dispatchEvent(new Event('change', { bubbles: true }));
          // React commits synchronously for discrete events; the second frame is after paint.
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              performance.mark('switch-end');
              const values = performance.measure('switch', 'switch-start', 'switch-end').duration;
              // Then until every chart on the page has redrawn (vega-embed resolves).
              const charts = () => {
                const done = figures().every((f) => (f.dataset.renders ?? '0') !== before.get(f));
                if (!done && performance.now() - performance.getEntriesByName('switch-start').at(-1)!.startTime < 10_000) {
                  setTimeout(charts, 2);
                  return;
                }
                performance.mark('charts-end');
                resolve([values, performance.measure('charts', 'switch-start', 'charts-end').duration]);
              };
              charts();
            }),
          );
        }),
      [label, value] as const,
    );
  const options = (label: string) =>
    page.evaluate((l) => [...document.querySelector<HTMLSelectElement>(`main select[aria-label="${l}"]`)!.options].map((o) => o.value), label);

  const report = (kind: string, ms: number[]) => {
    const s = [...ms].sort((a, b) => a - b);
    const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
    console.log(`${kind.padEnd(36)} n=${s.length}  median ${q(0.5).toFixed(1)} ms  p95 ${q(0.95).toFixed(1)} ms  max ${s[s.length - 1]!.toFixed(1)} ms`);
  };
  // --profile: a CPU profile of the page during each kind of switch, top functions by self time.
  const cdp = process.argv.includes('--profile') ? await page.context().newCDPSession(page) : null;
  const run = async (kind: string, label: string) => {
    const values = await options(label);
    const ms: number[] = [];
    const charts: number[] = [];
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    for (let i = 0; i < switches; i++) {
      const value = values[(i + 1) % values.length]!;
      const [v, c] = await timeSwitch(label, value);
      ms.push(v);
      charts.push(c);
      if (process.argv.includes('--verbose')) {
        // The charts this switch drew, with their times (built anew or updated).
        const drawn = await page.evaluate(() =>
          performance
            .getEntriesByType('measure')
            .filter((m) => m.name.startsWith('chart:') && !(m as PerformanceMeasure & { seen?: boolean }).seen)
            .map((m) => {
              (m as PerformanceMeasure & { seen?: boolean }).seen = true;
              return `${m.name.slice(6)} ${m.duration.toFixed(0)}`;
            }),
        );
        console.log(`    ${value.padEnd(24)} ${v.toFixed(1)} ms, charts ${c.toFixed(1)} ms  [${drawn.join(', ')}]`);
      }
    }
    report(`${kind} (values)`, ms);
    if (charts.some((c, i) => c !== ms[i])) report(`${kind} (charts drawn)`, charts);
    // Each chart's own embed time (VegaChart's performance measures), median per chart.
    const perChart = await page.evaluate(() => {
      const by: Record<string, number[]> = {};
      for (const m of performance.getEntriesByType('measure')) if (m.name.startsWith('chart:')) (by[m.name.slice(6)] ??= []).push(m.duration);
      performance.clearMeasures();
      return by;
    });
    for (const [chart, list] of Object.entries(perChart)) {
      const sorted = list.sort((a, b) => a - b);
      console.log(`    ${chart.padEnd(14)} embed n=${sorted.length}  median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms  max ${sorted.at(-1)!.toFixed(1)} ms`);
    }
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      const self = new Map<string, number>();
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      profile.samples?.forEach((id, i) => {
        const f = byId.get(id)!.callFrame;
        const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0));
      });
      for (const [k, us] of [...self].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 12))
        console.log(`    ${(us / 1000 / switches).toFixed(1).padStart(6)} ms/switch  ${k}`);
    }
  };
  await run('dashboard: unit', 'Đơn vị');
  await run('dashboard: year', 'Năm');
  await page.getByRole('tab', { name: 'Chi tiết chỉ tiêu' }).click();
  await page.getByTestId('indicator-detail').waitFor();
  await run('detail: indicator', 'Chỉ tiêu');
  await run('detail: unit', 'Đơn vị');
  await page.getByRole('tab', { name: 'So sánh xã' }).click();
  await page.getByTestId('commune-table').waitFor();
  await run('communes: indicator', 'Chỉ tiêu');
  await run('communes: year', 'Năm');
} finally {
  await close();
  await server.close();
}
