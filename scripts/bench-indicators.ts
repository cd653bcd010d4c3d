/**
 * npm run bench:indicators [-- --persons 5000000] [-- --workspace DIR] [-- --profile]
 *                          [-- --only node,chromium,native] [-- --wasm-only]
 *
 * Builds the data-element cube and computes every indicator for every commune and year in
 * duckdb-wasm twice, under Node (the CLI's engine) and in Chromium (the app's engine: the
 * renderer's Web Worker, Electron's renderer being Chromium), then runs the same SQL (the
 * same functions over the Engine interface) on native DuckDB (@duckdb/node-api), and prints
 * the times and their ratios; results are compared value by value.
 * Data: a saved workspace when --workspace is given (copied to native DuckDB through CSV;
 * Chromium is skipped), otherwise a synthetic province of --persons people generated in SQL in
 * each engine. --profile prints the statements over 100 ms (Node and native).
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
import { CANONICAL_TABLES, createTableSql } from '../analysis/model/schema.js';
import { openNodeWorkspace } from '../analysis/workspace/node-open.js';
import { runInChromium } from './bench-indicators/chromium.js';
import { COLD_RECOMPUTES, RECOMPUTES, runIndicatorsBench, type RunFigures } from './bench-indicators/run.js';
import { syntheticSql } from './synthetic-province.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const persons = Number(arg('persons') ?? 5_000_000);
const workspace = arg('workspace');
let native: Engine | undefined;

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
      const numeric = cols.map((_, i) =>
        /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|DECIMAL.*|DOUBLE|FLOAT)$/.test(types[i]!),
      );
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
      await native
        .query(
          `INSERT INTO ${t} SELECT * FROM read_csv('${file}', header = true, columns = (SELECT map_from_entries(list(struct_pack(k := column_name, v := data_type))) FROM information_schema.columns WHERE table_name = '${t}'))`,
        )
        .catch(async () => {
          await native.query(
            `INSERT INTO ${t} SELECT * FROM read_csv_auto('${file}', header = true, all_varchar = false)`,
          );
        });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function report(label: string, f: RunFigures): RunFigures {
  console.log(
    `${label}: cube ${sec(f.cube)} (${f.cubeRows} rows, years ${f.years}), indicators ${sec(f.all - f.cube)} (${f.rows} results), ` +
      `recompute ×${RECOMPUTES}: first ${sec(f.first)}, median ${sec(f.recompute)}, best ${sec(f.best)}; ` +
      `with nothing kept ×${COLD_RECOMPUTES}: median ${sec(f.cold)}`,
  );
  for (const r of f.reimports)
    console.log(
      `  ${label}, ${r.what} imported again: cube updated for ${r.communes} commune(s) ${sec(r.update)}, + every indicator ${sec(r.all)} ` +
        `(finding the communes: ${sec(r.note)}); results differing from a whole build: ${r.differ}`,
    );
  return f;
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

// Which engines run: duckdb-wasm under Node (the CLI's engine), duckdb-wasm in Chromium (the
// app's: Electron's renderer is Chromium), native DuckDB. --wasm-only skips native.
const only = (arg('only') ?? (process.argv.includes('--wasm-only') ? 'node,chromium' : 'node,chromium,native')).split(
  ',',
);
const unknownEngine = only.find((e) => !['node', 'chromium', 'native'].includes(e));
if (unknownEngine) {
  console.error(`--only takes node, chromium and native, not ${unknownEngine}`);
  process.exit(2);
}
if (workspace && only.includes('native') && !only.includes('node')) {
  console.error('--workspace with native DuckDB needs the Node run too (the tables are copied from it)');
  process.exit(2);
}
const runs: Array<{ label: string; f: RunFigures }> = [];

if (only.includes('node')) {
  const wasm = workspace ? (await openNodeWorkspace(workspace)).engine : await createNodeEngine();
  const t = performance.now();
  if (workspace) {
    console.log(`workspace ${workspace}: copying the canonical tables to native DuckDB …`);
    if (only.includes('native')) await copyWorkspaceToNative(wasm, (native ??= await createNativeEngine()));
  } else {
    console.log(`synthetic province: ${persons.toLocaleString('en')} persons in 100 communes …`);
    for (const sql of syntheticSql(persons)) await wasm.query(sql);
  }
  console.log(`data ready in ${sec(performance.now() - t)}`);
  runs.push({
    label: 'duckdb-wasm in Node (CLI)',
    f: report('duckdb-wasm in Node (CLI)', await runIndicatorsBench(profiled(wasm, 'wasm'))),
  });
  await wasm.close();
}
if (only.includes('chromium')) {
  if (workspace) console.log('duckdb-wasm in Chromium: runs on the synthetic province only (skipped with --workspace)');
  else {
    const f = await runInChromium(persons);
    console.log(`Chromium: data ready in ${sec(f.data)}`);
    runs.push({ label: 'duckdb-wasm in Chromium (app)', f: report('duckdb-wasm in Chromium (app)', f) });
  }
}
if (only.includes('native')) {
  native ??= await createNativeEngine();
  if (!workspace) for (const sql of syntheticSql(persons)) await native.query(sql);
  runs.push({
    label: 'native DuckDB',
    f: report('native DuckDB', await runIndicatorsBench(profiled(native, 'native'))),
  });
  await native.close();
}

const nat = runs.find((r) => r.label === 'native DuckDB')?.f;
const ratio = (a: number, b: number | undefined) => (b ? `, ratio to native ${(a / b).toFixed(2)}` : '');
console.log('');
for (const { label, f } of runs) {
  if (f === nat) continue;
  console.log(
    `${label}: cube + all indicators ${sec(f.all)}${ratio(f.all, nat?.all)} (goal ≤ 5 s); ` +
      `indicators from the cube, median of ${RECOMPUTES}: ${sec(f.recompute)}${ratio(f.recompute, nat?.recompute)} (goal ≤ 0.3 s), first ${sec(f.first)}, with nothing kept ${sec(f.cold)}`,
  );
}
if (nat)
  console.log(`native DuckDB: cube + all indicators ${sec(nat.all)}; indicators from the cube ${sec(nat.recompute)}`);

// The same SQL must give the same numbers in every engine (1e-9 relative).
const close = (a: number | null, b: number | null) =>
  a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
const [ref, ...others] = [...runs].reverse();
for (const { label, f } of others) {
  if (f.rows !== ref!.f.rows) console.log(`warning: ${f.rows} results in ${label}, ${ref!.f.rows} in ${ref!.label}`);
  const differ = f.results.filter((r, i) => {
    const o = ref!.f.results[i];
    return (
      !o ||
      o.indicator !== r.indicator ||
      o.unit_code !== r.unit_code ||
      o.period !== r.period ||
      o.flag !== r.flag ||
      !close(r.value, o.value) ||
      !close(r.lower, o.lower) ||
      !close(r.upper, o.upper)
    );
  });
  console.log(`results that differ between ${label} and ${ref!.label}: ${differ.length} of ${f.rows}`);
  for (const r of differ.slice(0, 5)) console.log(`  ${r.indicator} ${r.unit_code} ${r.period}: ${r.value} ${r.flag}`);
}
