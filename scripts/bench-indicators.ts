/**
 * npm run bench:indicators [-- --persons 5000000] [-- --workspace DIR] [-- --profile] [-- --wasm-only]
 *
 * Builds the data-element cube and computes every indicator for every commune and year in
 * duckdb-wasm, then runs the same SQL (the same functions over the Engine interface) on
 * native DuckDB (@duckdb/node-api), and prints both times and their ratio.
 * Data: a saved workspace when --workspace is given (copied to native DuckDB through CSV),
 * otherwise a synthetic province of --persons people generated in SQL in both engines.
 * Goals (issue 5): cube + all indicators ≤ 5 s in duckdb-wasm; indicators from a built cube ≤ 300 ms
 * (median of ten recomputations; the first, before the JIT has optimised the code, is printed too).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromJSON, type Table } from 'apache-arrow';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../analysis/engine/engine.js';
import { createNodeEngine } from '../analysis/engine/node.js';
import { forgetCubeDerived } from '../analysis/indicators/cube-derived.js';
import { buildCube, computeIndicators, type IndicatorResult } from '../analysis/indicators/index.js';
import { CANONICAL_TABLES, createTableSql } from '../analysis/model/schema.js';
import { openNodeWorkspace } from '../analysis/workspace/node-open.js';
import { syntheticSql } from './synthetic-province.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const persons = Number(arg('persons') ?? 5_000_000);
const workspace = arg('workspace');

/** The Engine interface over native DuckDB (results converted to Arrow for queryRows). */
async function createNativeEngine(): Promise<Engine> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  return {
    async query(sql: string): Promise<Table> {
      const reader = await conn.runAndReadAll(sql);
      const rows = reader.getRowObjectsJson() as Array<Record<string, unknown>>;
      // Json gives numbers as numbers/strings; coerce numeric strings (BIGINT, DECIMAL) back.
      const cols = reader.columnNames();
      const types = reader.columnTypes().map((t) => String(t));
      // Scalars only: a list or struct type names its members' types too.
      const numeric = cols.map((_, i) => /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|DECIMAL.*|DOUBLE|FLOAT)$/.test(types[i]!));
      const fixed = rows.map((r) => {
        const o: Record<string, unknown> = {};
        cols.forEach((c, i) => (o[c] = numeric[i] && r[c] !== null ? Number(r[c]) : r[c]));
        return o;
      });
      return fixed.length > 0 ? tableFromJSON(fixed) : tableFromJSON([{}]).slice(0, 0);
    },
    async insertArrowIPC() {
      throw new Error('not used');
    },
    async registerFile() {
      throw new Error('not used');
    },
    async dropFile() {},
    async fileBytes() {
      return new Uint8Array();
    },
    async close() {
      conn.closeSync();
    },
  };
}

async function copyWorkspaceToNative(wasm: Engine, native: Engine): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'danso-bench-'));
  try {
    for (const t of CANONICAL_TABLES) {
      await native.query(createTableSql(t));
      await wasm.query(`COPY ${t} TO '${t}.csv' (HEADER, DELIMITER ',')`);
      const file = join(dir, `${t}.csv`);
      writeFileSync(file, await wasm.fileBytes(`${t}.csv`));
      // duckdb-wasm's Node build writes COPY's file into the working directory too.
      await wasm.dropFile(`${t}.csv`);
      rmSync(`${t}.csv`, { force: true });
      await native.query(`INSERT INTO ${t} SELECT * FROM read_csv('${file}', header = true, columns = (SELECT map_from_entries(list(struct_pack(k := column_name, v := data_type))) FROM information_schema.columns WHERE table_name = '${t}'))`).catch(async () => {
        await native.query(`INSERT INTO ${t} SELECT * FROM read_csv_auto('${file}', header = true, all_varchar = false)`);
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const RECOMPUTES = 10;
const COLD_RECOMPUTES = 5;

interface RunFigures {
  cube: number;
  all: number;
  /** Recomputations from the built cube: the first one, the median and the best of RECOMPUTES. */
  first: number;
  recompute: number;
  best: number;
  /** Median recomputation with nothing kept from the previous one. */
  cold: number;
  rows: number;
  results: IndicatorResult[];
}

async function run(label: string, engine: Engine): Promise<RunFigures> {
  await engine.query('DROP TABLE IF EXISTS cube');
  const t0 = performance.now();
  const info = await buildCube(engine, { source: 'a0' });
  const t1 = performance.now();
  const rows = await computeIndicators(engine, { source: 'a0', level: ['province', 'commune'] });
  const t2 = performance.now();
  // From the built cube again (the views' case, e.g. another pooling): the first time (code
  // not yet optimised by the JIT), then the median and best of RECOMPUTES in a row.
  const times: number[] = [];
  for (let i = 0; i < RECOMPUTES; i++) {
    const t = performance.now();
    await computeIndicators(engine, { source: 'a0', level: ['province', 'commune'] });
    times.push(performance.now() - t);
  }
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return (sorted[(xs.length - 1) >> 1]! + sorted[xs.length >> 1]!) / 2;
  };
  // The same with nothing kept from the previous computation (the pivot of the cube and the
  // life tables' cells, cube-derived.ts): what the first computation after a build pays.
  const cold: number[] = [];
  for (let i = 0; i < COLD_RECOMPUTES; i++) {
    await forgetCubeDerived(engine);
    const t = performance.now();
    await computeIndicators(engine, { source: 'a0', level: ['province', 'commune'] });
    cold.push(performance.now() - t);
  }
  console.log(
    `${label}: cube ${sec(t1 - t0)} (${info.rows} rows, years ${info.years?.join('–')}), indicators ${sec(t2 - t1)} (${rows.length} results), ` +
      `recompute ×${RECOMPUTES}: first ${sec(times[0]!)}, median ${sec(median(times))}, best ${sec(Math.min(...times))}; ` +
      `with nothing kept ×${COLD_RECOMPUTES}: median ${sec(median(cold))}`,
  );
  return { cube: t1 - t0, all: t2 - t0, first: times[0]!, recompute: median(times), best: Math.min(...times), cold: median(cold), rows: rows.length, results: rows };
}

const profile = process.argv.includes('--profile');
function profiled(e: Engine, label: string): Engine {
  if (!profile) return e;
  const q = e.query.bind(e);
  e.query = async (sql: string) => {
    const t0 = performance.now();
    const r = await q(sql);
    const dt = performance.now() - t0;
    if (dt > 100) console.log(`  ${label} ${dt.toFixed(0)} ms ${sql.slice(0, 100).replace(/\s+/g, ' ')}`);
    return r;
  };
  return e;
}

const wasmOnly = process.argv.includes('--wasm-only');
const wasm = workspace ? (await openNodeWorkspace(workspace)).engine : await createNodeEngine();
const native = await createNativeEngine();
const t = performance.now();
if (workspace) {
  console.log(`workspace ${workspace}: copying the canonical tables to native DuckDB …`);
  await copyWorkspaceToNative(wasm, native);
} else {
  console.log(`synthetic province: ${persons.toLocaleString('en')} persons in 100 communes …`);
  for (const sql of syntheticSql(persons)) await wasm.query(sql);
  if (!wasmOnly) for (const sql of syntheticSql(persons)) await native.query(sql);
}
console.log(`data ready in ${sec(performance.now() - t)}`);
const w = await run('duckdb-wasm ', profiled(wasm, 'wasm'));
if (wasmOnly) process.exit(0);
const n = await run('native      ', profiled(native, 'native'));
console.log('');
console.log(`cube + all indicators: wasm ${sec(w.all)}, native ${sec(n.all)}, ratio ${(w.all / n.all).toFixed(2)} (goal ≤ 5 s in wasm)`);
console.log(
  `indicators from the cube (median of ${RECOMPUTES}): wasm ${sec(w.recompute)}, native ${sec(n.recompute)}, ratio ${(w.recompute / n.recompute).toFixed(2)} (goal ≤ 0.3 s in wasm); first: wasm ${sec(w.first)}, native ${sec(n.first)}; ` +
    `with nothing kept from the previous one: wasm ${sec(w.cold)}, native ${sec(n.cold)}`,
);
if (w.rows !== n.rows) console.log(`warning: ${w.rows} results in wasm, ${n.rows} native`);
// The same SQL must give the same numbers in both engines (1e-9 relative).
const close = (a: number | null, b: number | null) =>
  a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
const differ = w.results.filter((r, i) => {
  // (Rows only native has are counted by the length warning above.)
  const o = n.results[i];
  return !o || o.indicator !== r.indicator || o.unit_code !== r.unit_code || o.period !== r.period || o.flag !== r.flag ||
    !close(r.value, o.value) || !close(r.lower, o.lower) || !close(r.upper, o.upper);
});
console.log(`results that differ between wasm and native: ${differ.length} of ${w.rows}`);
for (const r of differ.slice(0, 5)) console.log(`  ${r.indicator} ${r.unit_code} ${r.period}: wasm ${r.value} ${r.flag}`);
await wasm.close();
await native.close();
