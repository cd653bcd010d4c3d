// Vite serves duckdb-wasm's files from the app itself (?url), so the engine loads offline.
import mvpModule from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehModule from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { createBrowserEngine } from '../analysis/engine/browser.js';
import type { Engine } from '../analysis/engine/engine.js';

/** A fresh duckdb-wasm engine in a Web Worker (one per open workspace). */
export function createEngine(): Promise<Engine> {
  return createBrowserEngine({ mvpModule, mvpWorker, ehModule, ehWorker });
}
