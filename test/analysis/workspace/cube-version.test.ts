import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryRows, tableExists } from '../../../analysis/engine/engine.js';
import { createNodeEngine } from '../../../analysis/engine/node.js';
import { computeIndicators, CUBE_TABLE } from '../../../analysis/indicators/index.js';
import { CUBE_VERSION } from '../../../analysis/indicators/cube/schema.js';
import { importFiles } from '../../../analysis/ingest/index.js';
import { MANIFEST, parseManifest } from '../../../analysis/workspace/manifest.js';
import { MemoryStore } from '../../../analysis/workspace/store.js';
import { Workspace } from '../../../analysis/workspace/workspace.js';

const DIR = join(process.cwd(), 'fixtures/small/a0/04465');
const files = readdirSync(DIR).map((n) => ({ name: n, bytes: new Uint8Array(readFileSync(join(DIR, n))) }));

describe('a cube saved by an older version', () => {
  it('is left out when the workspace opens and rebuilt from the tables, then saved with the version', { timeout: 120_000 }, async () => {
    const store = new MemoryStore();
    const ws = await Workspace.open(store, await createNodeEngine());
    await importFiles(ws, files, { today: '2026-06-30' });
    const births = async (w: Workspace) =>
      (await computeIndicators(w.engine, { level: 'commune', indicators: ['cbr'], years: [2024, 2024] }))[0]!.numerator;
    const right = await births(ws);
    // An older build's numbers: the saved cube says 1,000 more births, and has no version.
    await ws.engine.query(`UPDATE ${CUBE_TABLE} SET value = value + 1000 WHERE element = 'births'`);
    await ws.save();
    const m = parseManifest((await store.read(MANIFEST))!);
    expect(m.cubeVersion).toBe(CUBE_VERSION);
    const oldFiles = m.tables.cube!.map((p) => p.file);
    delete m.cubeVersion;
    await store.write(MANIFEST, new TextEncoder().encode(JSON.stringify(m)));
    await ws.close();

    const again = await Workspace.open(store, await createNodeEngine());
    expect(await tableExists(again.engine, CUBE_TABLE)).toBe(false);
    expect(await births(again)).toBe(right);
    expect(await again.saveChanges()).toBe(true);
    const saved = parseManifest((await store.read(MANIFEST))!);
    expect(saved.cubeVersion).toBe(CUBE_VERSION);
    expect(saved.tables.cube!.map((p) => p.file).some((f) => oldFiles.includes(f))).toBe(false);
    expect(await store.list()).not.toContain(oldFiles[0]);
    const [n] = await queryRows<{ n: number }>(again.engine, `SELECT count(*) AS n FROM ${CUBE_TABLE}`);
    expect(n!.n).toBeGreaterThan(0);
    await again.close();
  });
});
