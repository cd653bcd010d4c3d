import * as duckdb from '@duckdb/duckdb-wasm';
import { COMPRESSED_MEMORY_SQL, tableFromResultBytes, type Engine } from './engine.js';

/** URLs of duckdb-wasm's files as the bundler served them (never a CDN). */
export interface BrowserBundleUrls {
  mvpModule: string;
  mvpWorker: string;
  ehModule: string;
  ehWorker: string;
}

/** duckdb-wasm in a Web Worker: the app's engine in Electron's renderer and the web build. */
export async function createBrowserEngine(urls: BrowserBundleUrls): Promise<Engine> {
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: urls.mvpModule, mainWorker: urls.mvpWorker },
    eh: { mainModule: urls.ehModule, mainWorker: urls.ehWorker },
  });
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({});
  const conn = await db.connectInternal();
  await db.runQuery(conn, COMPRESSED_MEMORY_SQL);
  let closed = false;
  // The worker handles one request at a time in order; keep our own queue so a
  // multi-statement workflow is not interleaved with another caller's.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = tail.then(fn, fn);
    tail = next.catch(() => undefined);
    return next;
  };
  return {
    query: (sql) =>
      serial(async () => {
        if (closed) throw new Error('engine closed');
        return tableFromResultBytes(await db.runQuery(conn, sql));
      }),
    insertArrowIPC: (table, ipc, options) =>
      serial(() => db.insertArrowFromIPCStream(conn, ipc, { name: table, create: options?.create ?? true })),
    registerFile: (name, bytes) => serial(() => db.registerFileBuffer(name, bytes)),
    dropFile: (name) => serial(async () => void (await db.dropFile(name))),
    fileBytes: (name) => serial(() => db.copyFileToBuffer(name)),
    close: () =>
      serial(async () => {
        if (closed) return;
        closed = true;
        await db.disconnect(conn);
        await db.terminate();
      }),
  };
}
