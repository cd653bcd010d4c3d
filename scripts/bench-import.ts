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
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeEngine } from '../analysis/engine/node.js';
import { importFiles } from '../analysis/ingest/importer.js';
import { CANONICAL_TABLES } from '../analysis/model/schema.js';
import { openNodeWorkspace } from '../analysis/workspace/node-open.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};
const persons = Number(arg('persons', '5000000'));
const dir = arg('dir', persons === 5_000_000 ? '.bench/p5m' : `.bench/p${persons}`);
const wsDir = arg('workspace', `${dir}-workspace`);
const a0 = join(dir, 'a0_tinh');

if (!existsSync(join(a0, 'nhan_khau.csv'))) {
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
const floorEngine = await createNodeEngine();
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
  const tablePeak = peak;
  // The floor: duckdb-wasm parsing the same bytes into a table of text columns.
  await floorEngine.registerFile(`${table}.csv`, bytes);
  const t1 = performance.now();
  await floorEngine.query(`CREATE OR REPLACE TABLE f AS SELECT * FROM read_csv('${table}.csv', header = true, all_varchar = true)`);
  const floorMs = performance.now() - t1;
  await floorEngine.query('DROP TABLE f');
  await floorEngine.dropFile(`${table}.csv`);
  totalImport += importMs;
  totalFloor += floorMs;
  const n = res?.rowsRead ?? 0;
  rows.push([table, String(n), String(Math.round(bytes.length / 1e6)), s(importMs), String(Math.round(n / (importMs / 1000))), mb(tablePeak), s(floorMs), (importMs / floorMs).toFixed(2)]);
  console.log(rows.at(-1)!.join('\t'));
}
await floorEngine.close();
rows.push(['total', '', '', s(totalImport), '', mb(peak), s(totalFloor), (totalImport / totalFloor).toFixed(2)]);
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
console.log(`\nsave ${s(saveMs)} · reopen ${s(reopenMs)} (includes duckdb-wasm start) · peak RSS overall ${mb(peak)}`);
