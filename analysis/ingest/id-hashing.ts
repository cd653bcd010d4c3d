import { makeData, Uint64, Vector, type Data, type Table } from 'apache-arrow';
import { utf8Vector } from '../engine/utf8-vector.js';
import type { Pseudonymiser } from './pseudonym.js';

/** Rows per piece of work: small enough to share a slice's ids out evenly, a multiple of 8 (validity bytes). */
const PIECE_ROWS = 32_768;

/**
 * The pseudonyms of a slice's id columns, computed by this thread and a helper thread
 * together: the helper claims pieces from the front, this thread from the back, each with an
 * atomic compare-and-swap on `claims` (0 free, 1 helper, 2 here), both writing into `out`
 * (shared memory when there is a helper). Under Node the main thread is blocked while DuckDB
 * runs the clean-row test, so the helper must have all the work before it; what it has not
 * reached by then this thread does.
 */
export interface HashJob {
  /** UTF-8 ids (Arrow buffers) and where their rows start in `out`. */
  chunks: Array<{ values: Uint8Array; offsets: Int32Array; n: number; valid: Uint8Array | null; at: number }>;
  /** Pieces as (chunk, first row, end row) triples. */
  pieces: Int32Array;
  claims: Int32Array;
  out: BigUint64Array;
}

/** Runs a job's pieces on another thread (workspace/node-offload.ts); resolves when it has no more to claim. */
export type HashHelper = (job: HashJob) => Promise<void>;

/** Compute piece i of a job into its `out`. */
function computePiece(job: HashJob, p: Pseudonymiser, i: number): void {
  const c = job.chunks[job.pieces[3 * i]!]!;
  const s = job.pieces[3 * i + 1]!;
  const e = job.pieces[3 * i + 2]!;
  job.out.set(p.u64(c.values, c.offsets.subarray(s, e + 1), e - s, c.valid ? c.valid.subarray(s >> 3) : null), c.at + s);
}

/** The helper's part: claim and compute pieces from the front until one is already taken. */
export function helpFromFront(job: HashJob, p: Pseudonymiser): void {
  const count = job.pieces.length / 3;
  for (let i = 0; i < count && Atomics.compareExchange(job.claims, i, 0, 1) === 0; i++) computePiece(job, p, i);
}

interface Utf8Chunk {
  length: number;
  offset: number;
  nullCount: number;
  nullBitmap: Uint8Array;
  valueOffsets: Int32Array;
  values: Uint8Array;
}

/**
 * Start hashing the id columns `0..columns-1` of `result` (the helper starts now, if any);
 * `finish()` does the rest here and gives each column as a Uint64 vector, row for row (NULL
 * stays NULL). Ids are read from the UTF-8 bytes of the Arrow buffers (no JS strings).
 */
export function hashIdColumns(result: Table, columns: number, p: Pseudonymiser, helper?: HashHelper): { finish(): Promise<Array<Vector<Uint64>>> } {
  const chunks: HashJob['chunks'] = [];
  const pieces: number[] = [];
  // Per column, its chunks' rows in `out`, validity and null counts.
  const layout: Array<Array<{ at: number; n: number; nullCount: number; valid: Uint8Array | null }>> = [];
  let total = 0;
  for (let col = 0; col < columns; col++) {
    const parts: (typeof layout)[number] = [];
    for (const batch of result.batches) {
      for (const d of batch.getChildAt(col)!.data) {
        let c = d as unknown as Utf8Chunk;
        // A chunk not readable as plain bytes (a sliced view): its text encoded again.
        if (!(c.offset === 0 && c.valueOffsets && c.values)) {
          const v = new Vector([d]);
          c = utf8Vector(Array.from({ length: v.length }, (_, i) => v.get(i) as string | null)).data[0] as unknown as Utf8Chunk;
        }
        const n = c.length;
        const at = total;
        total += n;
        const valid = c.nullCount > 0 ? c.nullBitmap.subarray(0, (n + 7) >> 3) : null;
        const k = chunks.length;
        chunks.push({ values: c.values, offsets: c.valueOffsets, n, valid, at });
        for (let s = 0; s < n; s += PIECE_ROWS) pieces.push(k, s, Math.min(n, s + PIECE_ROWS));
        parts.push({ at, n, nullCount: c.nullCount, valid });
      }
    }
    layout.push(parts);
  }
  const shared = helper !== undefined && typeof SharedArrayBuffer !== 'undefined';
  const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const job: HashJob = {
    chunks,
    pieces: Int32Array.from(pieces),
    claims: new Int32Array(buffer(4 * (pieces.length / 3))),
    out: new BigUint64Array(buffer(8 * total)),
  };
  const helping = shared && pieces.length > 0 ? helper(job) : null;
  return {
    async finish() {
      // This thread claims pieces from the back until it meets the helper; without one it
      // does them all, letting other work (the app's events) run between pieces.
      for (let i = job.pieces.length / 3 - 1; i >= 0 && Atomics.compareExchange(job.claims, i, 0, 2) === 0; i--) {
        computePiece(job, p, i);
        if (!helping) await new Promise((r) => setTimeout(r, 0));
      }
      await helping;
      // Plain (non-shared) memory for the vectors: duckdb-wasm copies them into its own.
      const out = shared ? job.out.slice() : job.out;
      return layout.map((parts) =>
        new Vector(parts.map(({ at, n, nullCount, valid }): Data<Uint64> =>
          makeData({ type: new Uint64(), length: n, nullCount, nullBitmap: valid, data: out.subarray(at, at + n) }))),
      );
    },
  };
}
