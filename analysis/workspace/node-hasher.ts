import { Worker } from 'node:worker_threads';
import type { Pseudonymiser } from '../ingest/pseudonym.js';

type U64Async = NonNullable<Pseudonymiser['u64Async']>;

/**
 * Pseudonyms on a worker thread, for the Node engine: duckdb-wasm's Node build runs its
 * queries on the main thread, so hashing there adds to every import's time, while a worker
 * hashes a slice's ids during the slice's clean-row test (fast-csv.ts) on the second core.
 * The worker starts on first use and does not keep the process alive while idle.
 */
export function nodeHasher(key: Uint8Array): U64Async {
  let worker: Worker | null = null;
  let next = 0;
  const waiting = new Map<number, { resolve: (v: BigUint64Array) => void; reject: (e: unknown) => void }>();
  const fail = (e: unknown) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
    worker = null;
  };
  const start = () => {
    const w = new Worker(new URL('./node-hasher-worker.mjs', import.meta.url), { workerData: { key } });
    w.on('message', ({ id, out }: { id: number; out: BigUint64Array }) => {
      waiting.get(id)?.resolve(out);
      waiting.delete(id);
      if (waiting.size === 0) w.unref();
    });
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`pseudonym worker exited (${code})`)));
    return w;
  };
  return (values, offsets, n, valid) => {
    worker ??= start();
    worker.ref();
    const id = next++;
    // Copies of just these rows' bytes (the views may share a larger Arrow buffer), moved to the worker.
    const msg = { id, values: values.slice(), offsets: offsets.slice(0, n + 1), n, valid: valid ? valid.slice() : null };
    const transfer = [msg.values.buffer, msg.offsets.buffer, ...(msg.valid ? [msg.valid.buffer] : [])];
    return new Promise<BigUint64Array>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker!.postMessage(msg, transfer);
    });
  };
}
