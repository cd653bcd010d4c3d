import { Worker } from 'node:worker_threads';
import type { ImportHelpers } from '../ingest/fast-csv.js';
import type { SliceFacts } from '../ingest/slice-scan.js';

/**
 * The import's JS work on a worker thread, for the Node engine: duckdb-wasm's Node build runs
 * its queries on the main thread, so work done there adds to every import's time, while a
 * worker scans a slice's bytes during its read and hashes its ids (with the main thread, see
 * id-hashing.ts) during its clean-row test (fast-csv.ts), on the second core. The worker starts on first use and
 * does not keep the process alive while idle.
 */
export function nodeOffload(key: Uint8Array): ImportHelpers {
  let worker: Worker | null = null;
  let next = 0;
  const waiting = new Map<number, { resolve: (v: never) => void; reject: (e: unknown) => void }>();
  const fail = (e: unknown) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
    worker = null;
  };
  const start = () => {
    const w = new Worker(new URL('./node-offload-worker.mjs', import.meta.url), { workerData: { key } });
    w.on('message', ({ id, out }: { id: number; out: never }) => {
      waiting.get(id)?.resolve(out);
      waiting.delete(id);
      if (waiting.size === 0) w.unref();
    });
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`import worker exited (${code})`)));
    return w;
  };
  const call = <T>(msg: Record<string, unknown>, transfer: ArrayBuffer[]) => {
    worker ??= start();
    worker.ref();
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (v: never) => void, reject });
      worker!.postMessage({ ...msg, id }, transfer);
    });
  };
  return {
    // The ids are copied to the worker; the claims and the output are shared memory.
    hashHelper: (job) => call<void>({ kind: 'hash', job }, []),
    sliceScan: (bytes, delimiter, width, last) => call<SliceFacts>({ kind: 'scan', bytes, delimiter, width, last }, [bytes.buffer as ArrayBuffer]),
  };
}
