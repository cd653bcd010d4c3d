/**
 * bench:indicators in Chromium: the page (index.html, page.ts) is built by Vite as the app's
 * renderer is, served on localhost, and opened in Debian's Chromium through playwright-core,
 * so duckdb-wasm runs in a Web Worker of the browser engine Electron's renderer is made of.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { openBrowser, pageErrors } from '../../test/e2e/browser.js';
import type { RunFigures } from './run.js';

const root = dirname(fileURLToPath(import.meta.url));

export async function runInChromium(persons: number): Promise<RunFigures & { data: number }> {
  const outDir = mkdtempSync(join(tmpdir(), 'danso-bench-page-'));
  let server: Awaited<ReturnType<typeof preview>> | undefined;
  let browser: Awaited<ReturnType<typeof openBrowser>> | undefined;
  try {
    const config = {
      configFile: false as const,
      root,
      base: './',
      logLevel: 'error' as const,
      optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
      worker: { format: 'es' as const },
    };
    await build({ ...config, build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8192 } });
    server = await preview({ ...config, build: { outDir }, preview: { port: 0, host: '127.0.0.1', open: false } });
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('the bench page could not be served');
    browser = await openBrowser();
    await browser.page.goto(url);
    await browser.page.waitForFunction('typeof window.benchIndicators === "function"');
    // A string, so tsx's helpers do not end up in the page's code.
    return (await browser.page.evaluate(`window.benchIndicators(${persons})`)) as RunFigures & { data: number };
  } catch (e) {
    const errors = browser ? pageErrors(browser.page) : [];
    throw new Error(
      `${e instanceof Error ? e.message : String(e)}${errors.length ? `\npage: ${errors.join('\n')}` : ''}`,
      { cause: e },
    );
  } finally {
    await browser?.close();
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
