import { Worker } from 'node:worker_threads';
import type { Pseudonymiser } from '../ingest/pseudonym.js';
import type { SliceScan, SliceFacts } from '../ingest/slice-scan.js';

export interface NodeOffload {
  u64Async: NonNullable<Pseudonymiser['u64Async']>;
  sliceScan: SliceScan;
}

/**
 * The import's JS work on a worker thread, for the Node engine: duckdb-wasm's Node build runs
 * its queries on the main thread, so work done there adds to every import's time, while a
 * worker hashes a slice's ids during the slice's clean-row test and scans a slice's bytes
 * during its read (fast-csv.ts), on the second core. The worker starts on first use and
 * does not keep the process alive while idle.
 */
export function nodeOffload(key: Uint8Array): NodeOffload {
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
    u64Async: (values, offsets, n, valid) => {
      // Copies of just these rows' bytes (the views may share a larger Arrow buffer), moved to the worker.
      const msg = { kind: 'u64', values: values.slice(), offsets: offsets.slice(0, n + 1), n, valid: valid ? valid.slice() : null };
      return call<BigUint64Array>(msg, [msg.values.buffer, msg.offsets.buffer, ...(msg.valid ? [msg.valid.buffer] : [])]);
    },
    sliceScan: (bytes, delimiter, width, last) => call<SliceFacts>({ kind: 'scan', bytes, delimiter, width, last }, [bytes.buffer as ArrayBuffer]),
  };
}
