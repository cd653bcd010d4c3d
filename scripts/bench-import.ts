/**
 * npm run bench:import [-- --persons 5000000 --dir .bench/p5m]
 *
 * Generates (or reuses) a province with the fixtures generator, imports each A0 CSV table
 * through the real pipeline (decode, map, validate, pseudonymise, load) under Node, and
 * prints per table: wall time, rows/s, peak RSS; the time duckdb-wasm's own read_csv takes
 * on the same bytes (the floor) and the ratio; then save time and the time to reopen the
 * saved workspace. Goals (issue 4): ratio ≤ 2, reopen ≤ 5 s, peak memory ≤ 3 GB.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeEngine } from '../analysis/engine/node.js';
import { importFiles } from '../analysis/ingest/importer.js';
import { CANONICAL_TABLES } from '../analysis/model/schema.js';
import { openNodeWorkspace } from '../analysis/workspace/node-open.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};

// Child mode: the floor for one file, in a process (and duckdb-wasm instance) of its own, so
// that its memory does not count in the import's peak and the import's not in its time.
if (process.argv.includes('--floor')) {
  const path = arg('floor', '');
  const engine = await createNodeEngine();
  const bytes = new Uint8Array(readFileSync(path));
  await engine.registerFile('f.csv', bytes);
  const t = performance.now();
  await engine.query(`CREATE TABLE f AS SELECT * FROM read_csv('f.csv', header = true, all_varchar = true)`);
  process.stdout.write(String(performance.now() - t));
  await engine.close();
  process.exit(0);
}
const persons = Number(arg('persons', '5000000'));
const dir = arg('dir', persons === 5_000_000 ? '.bench/p5m' : `.bench/p${persons}`);
const wsDir = arg('workspace', `${dir}-workspace`);
const a0 = join(dir, 'a0_tinh');

// A set generated with per-commune files only: make the province-wide files the way the
// generator does (the communes' files one after the other, one header).
if (!existsSync(join(a0, 'nhan_khau.csv')) && existsSync(join(dir, 'a0'))) {
  console.log(`concatenating ${join(dir, 'a0')}/*/ into ${a0} …`);
  mkdirSync(a0, { recursive: true });
  const communes = readdirSync(join(dir, 'a0')).sort();
  for (const table of CANONICAL_TABLES) {
    const parts = communes.map((c) => join(dir, 'a0', c, `${table}.csv`)).filter((p) => existsSync(p));
    if (parts.length === 0) continue;
    const fd = openSync(join(a0, `${table}.csv`), 'w');
    parts.forEach((p, i) => {
      const b = readFileSync(p);
      writeSync(fd, i === 0 ? b : b.subarray(b.indexOf(0x0a) + 1));
    });
    closeSync(fd);
  }
}
// parameters.json is written last: a set without it was cut short (the generator rewrites DIR).
if (!existsSync(join(a0, 'nhan_khau.csv')) || !existsSync(join(dir, 'parameters.json'))) {
  console.log(`generating ${persons} persons into ${dir} …`);
  const t = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', 'fixtures/generate.ts', '--persons', String(persons), '--formats', 'csv', '--layout', 'province', '--out', dir, '--quiet'], { stdio: 'inherit' });
  console.log(`generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const timer = setInterval(sample, 50);
const mb = (b: number) => `${Math.round(b / 1e6)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

rmSync(wsDir, { recursive: true, force: true });
const ws = await openNodeWorkspace(wsDir);
const floorOf = (path: string) =>
  Number(execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench-import.ts', '--floor', path], { encoding: 'utf8' }).trim().split('\n').at(-1));
const rows: string[][] = [['table', 'rows', 'MB', 'import', 'rows/s', 'peak RSS', 'read_csv floor', 'ratio']];
let totalImport = 0;
let totalFloor = 0;
for (const table of CANONICAL_TABLES) {
  const path = join(a0, `${table}.csv`);
  if (!existsSync(path)) continue;
  const bytes = new Uint8Array(readFileSync(path));
  peak = 0;
  sample();
  const t0 = performance.now();
  const [res] = await importFiles(ws, [{ name: `${table}.csv`, bytes }], { save: false });
  const importMs = performance.now() - t0;
  sample();
  // The OS high-water mark (also catches peaks inside a synchronous duckdb-wasm call).
  const tablePeak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  // The floor: duckdb-wasm parsing the same bytes into a table of text columns (own process).
  const floorMs = floorOf(path);
  totalImport += importMs;
  totalFloor += floorMs;
  const n = res?.rowsRead ?? 0;
  rows.push([table, String(n), String(Math.round(bytes.length / 1e6)), s(importMs), String(Math.round(n / (importMs / 1000))), mb(tablePeak), s(floorMs), (importMs / floorMs).toFixed(2)]);
  console.log(rows.at(-1)!.join('\t'));
}
rows.push(['total', '', '', s(totalImport), '', mb(process.resourceUsage().maxRSS * 1024), s(totalFloor), (totalImport / totalFloor).toFixed(2)]);
const t2 = performance.now();
await ws.save();
const saveMs = performance.now() - t2;
await ws.close();
const t3 = performance.now();
const again = await openNodeWorkspace(wsDir);
const reopenMs = performance.now() - t3;
await again.close();
sample();
clearInterval(timer);

const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
console.log('\n' + rows.map((r) => r.map((v, c) => v.padEnd(widths[c]!)).join('  ')).join('\n'));
console.log(`\nsave ${s(saveMs)} · reopen ${s(reopenMs)} (includes duckdb-wasm start) · peak RSS overall ${mb(Math.max(peak, process.resourceUsage().maxRSS * 1024))}`);
console.log('(read_csv floor measured in a separate process per file; peak RSS: high-water mark of the importing process, cumulative, file bytes included)');
