// Builds the demo workspace the app opens on first start: the committed synthetic province
// (fixtures/small) imported through the real importer into renderer/public/demo/, plus an
// index.json listing its files (the browser cannot list a served folder).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { importFiles } from '../analysis/ingest/index.js';
import { openNodeWorkspace } from '../analysis/workspace/node-open.js';

const out = 'renderer/public/demo';

function csvFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? csvFiles(p) : name.endsWith('.csv') ? [p] : [];
    })
    .sort();
}

/** Import the fixture set's A0 files into the demo workspace (skipped when up to date). */
export async function buildDemo(source = process.env.DANSO_DEMO_SOURCE ?? 'fixtures/small'): Promise<void> {
  const a0 = join(source, 'a0');
  if (!existsSync(a0)) {
    console.error(`Không có dữ liệu mẫu · No fixture set at ${a0}: run npm run fixtures first`);
    throw new Error('demo build failed');
  }
  // Rebuild only when the fixtures changed since the last build.
  const newest = Math.max(...csvFiles(a0).map((p) => statSync(p).mtimeMs), statSync('analysis').mtimeMs);
  const indexFile = join(out, 'index.json');
  if (existsSync(indexFile) && statSync(indexFile).mtimeMs > newest && process.env.DANSO_REBUILD_DEMO !== '1') {
    return;
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const started = performance.now();
  const ws = await openNodeWorkspace(out);
  // Names keep the commune folder: every commune sends a file called nhan_khau.csv.
  const files = csvFiles(a0).map((p) => ({ name: relative(a0, p).replaceAll('\\', '/'), bytes: new Uint8Array(readFileSync(p)) }));
  const results = await importFiles(ws, files);
  await ws.close();
  const bad = results.filter((r) => r.status !== 'imported');
  if (bad.length > 0) {
    console.error('Demo import failed:', bad.map((r) => `${r.file}: ${r.status}`).join(', '));
    throw new Error('demo build failed');
  }
  const index = readdirSync(out).filter((n) => n !== 'index.json').sort();
  writeFileSync(join(out, 'index.json'), JSON.stringify(index));
  const kept = results.reduce((s, r) => s + r.kept, 0);
  console.log(`Demo workspace: ${files.length} files, ${kept} rows, ${((performance.now() - started) / 1000).toFixed(1)} s → ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await buildDemo(process.argv[2]);
