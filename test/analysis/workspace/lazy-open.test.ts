import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../analysis/engine/engine.js';
import { createNodeEngine } from '../../../analysis/engine/node.js';
import { computeIndicators } from '../../../analysis/indicators/index.js';
import { importFiles, qualitySummary } from '../../../analysis/ingest/index.js';
import { parseManifest, MANIFEST } from '../../../analysis/workspace/manifest.js';
import { MemoryStore } from '../../../analysis/workspace/store.js';
import { Workspace } from '../../../analysis/workspace/workspace.js';

// One commune of the fixture province: its A0 register and events, imported for real.
const DIR = join(process.cwd(), 'fixtures/small/a0/04465');
const files = readdirSync(DIR).map((n) => ({ name: n, bytes: new Uint8Array(readFileSync(join(DIR, n))) }));
const truthRegister = readFileSync(join(DIR, 'nhan_khau.csv'), 'utf8').trim().split('\n').length - 1;

const manifestOf = async (store: MemoryStore) => parseManifest((await store.read(MANIFEST))!);
const count = async (ws: Workspace, sql: string) => (await queryRows<{ n: number }>(ws.engine, sql))[0]!.n;

describe('opening a workspace', () => {
  it('refreshes the quality summary after a write the statement parser misses', { timeout: 120_000 }, async () => {
    const store = new MemoryStore();
    const ws = await Workspace.open(store, await createNodeEngine());
    await importFiles(ws, files, { today: '2026-06-30' });
    const before = (await qualitySummary(ws.engine)).find((q) => q.commune_code === '04465');
    expect(before?.whipple).not.toBeNull();
    // Schema-qualified: the write marks name 'workspace', not the register.
    await ws.engine.query('DELETE FROM workspace.main.nhan_khau');
    await ws.save();
    await ws.close();
    const again = await Workspace.open(store, await createNodeEngine());
    expect(await count(again, 'SELECT count(*) AS n FROM nhan_khau')).toBe(0);
    const after = (await qualitySummary(again.engine)).find((q) => q.commune_code === '04465');
    expect(after?.whipple ?? null).toBeNull();
    await again.close();
  });

  it('keeps the built cube, opens with it, and loads a register only when a statement names it', { timeout: 120_000 }, async () => {
    const store = new MemoryStore();
    const ws = await Workspace.open(store, await createNodeEngine());
    await importFiles(ws, files, { today: '2026-06-30' });
    expect((await manifestOf(store)).tables.cube).toBeUndefined();
    // What the app decides villages by, from the manifest alone: the register's size, no village rows yet.
    expect(ws.savedRows('nhan_khau')).toBe(truthRegister);
    expect(ws.savedVillageRows).toBe(false);
    expect((await manifestOf(store)).tables.quality_summary).toHaveLength(1);
    const summaryBefore = await qualitySummary(ws.engine);
    // Computed at import from the register: the commune's age heaping is there.
    expect(summaryBefore.find((q) => q.commune_code === '04465')?.whipple).toBeGreaterThan(0);
    const before = await computeIndicators(ws.engine, { level: ['province', 'commune'] });
    const villagesBefore = await computeIndicators(ws.engine, { level: 'village', indicators: ['population', 'cbr', 'srb'] });
    expect(villagesBefore.length).toBeGreaterThan(10);
    expect(await ws.saveChanges()).toBe(true);
    expect(await ws.saveChanges()).toBe(false);
    const cubeRows = await count(ws, 'SELECT count(*) AS n FROM cube');
    const saved = await manifestOf(store);
    // The village rows are saved apart from the rest of the cube.
    expect(saved.tables.cube!.reduce((s, p) => s + p.rows, 0) + saved.tables.cube_villages!.reduce((s, p) => s + p.rows, 0)).toBe(cubeRows);
    expect(saved.tables.cube_villages!.reduce((s, p) => s + p.rows, 0)).toBe(await count(ws, `SELECT count(*) AS n FROM cube WHERE level = 'village'`));
    await ws.close();

    const again = await Workspace.open(store, await createNodeEngine());
    expect(again.savedVillageRows).toBe(true);
    expect(again.savedRows('nhan_khau')).toBe(truthRegister);
    expect([...again.engine.pending].sort()).toEqual(['bptt', 'chet', 'chuyen_cu', 'cube_villages', 'ket_hon', 'kham_nct', 'mang_thai', 'nhan_khau', 'sinh']);
    // The indicators come from the saved cube: equal results, and no register was loaded.
    expect(await computeIndicators(again.engine, { level: ['province', 'commune'] })).toEqual(before);
    expect(again.engine.pending.has('nhan_khau')).toBe(true);
    expect(again.engine.pending.has('cube_villages')).toBe(true);
    // The quality summary was stored at import: read back equal, still without the register.
    expect(await qualitySummary(again.engine)).toEqual(summaryBefore);
    expect(again.engine.pending.has('nhan_khau')).toBe(true);
    // Asking for villages loads the cube's village rows (and still not the register).
    expect(await computeIndicators(again.engine, { level: 'village', indicators: ['population', 'cbr', 'srb'] })).toEqual(villagesBefore);
    expect(again.engine.pending.has('cube_villages')).toBe(false);
    expect(again.engine.pending.has('nhan_khau')).toBe(true);
    // Loading them is not a change: nothing to save.
    expect(await again.saveChanges()).toBe(false);
    // Naming a table loads it (and only it), with every row.
    expect(await count(again, 'SELECT count(*) AS n FROM nhan_khau')).toBe(truthRegister);
    expect(again.engine.pending.has('nhan_khau')).toBe(false);
    expect(again.engine.pending.has('sinh')).toBe(true);
    await again.close();
  });

  it('saves only the tables that changed, and drops the cube when the data change', { timeout: 120_000 }, async () => {
    const store = new MemoryStore();
    const ws = await Workspace.open(store, await createNodeEngine());
    await importFiles(ws, files, { today: '2026-06-30' });
    await computeIndicators(ws.engine, { indicators: ['cbr'], level: 'commune' });
    await ws.saveChanges();
    const first = await manifestOf(store);
    await ws.close();

    const again = await Workspace.open(store, await createNodeEngine());
    const births = await count(again, 'SELECT count(*) AS n FROM sinh');
    // A new death for someone on the register: an import (a transaction) into lazy tables.
    const [p] = await queryRows<{ id: string }>(again.engine, 'SELECT any_value(person_id) AS id FROM nhan_khau');
    expect(p?.id).toBeTruthy();
    const extra = new TextEncoder().encode('Mã xã,Mã đối tượng,Ngày chết\n04465,EXTRA-1,2025-03-01\n');
    await importFiles(again, [{ name: 'chet-extra.csv', bytes: extra }], { today: '2026-06-30' });
    const second = await manifestOf(store);
    expect(second.generation).toBe(first.generation + 1);
    // Unchanged tables keep their files; the changed one and the log get new ones; no cube.
    expect(second.tables.nhan_khau).toEqual(first.tables.nhan_khau);
    expect(second.tables.sinh).toEqual(first.tables.sinh);
    expect(second.tables.chet).not.toEqual(first.tables.chet);
    expect(second.tables.import_log).not.toEqual(first.tables.import_log);
    expect(second.tables.cube).toBeUndefined();
    expect(second.tables.cube_villages).toBeUndefined();
    // Every file the manifest names exists; no other data file is left.
    const names = new Set(await store.list());
    for (const parts of Object.values(second.tables)) for (const part of parts) expect(names.has(part.file)).toBe(true);
    const referenced = new Set(Object.values(second.tables).flatMap((parts) => parts.map((part) => part.file)));
    expect([...names].filter((n) => n.endsWith('.arrow') && !referenced.has(n))).toEqual([]);
    await again.close();

    const third = await Workspace.open(store, await createNodeEngine());
    expect(await count(third, 'SELECT count(*) AS n FROM nhan_khau')).toBe(truthRegister);
    expect(await count(third, 'SELECT count(*) AS n FROM sinh')).toBe(births);
    expect(await count(third, `SELECT count(*) AS n FROM chet WHERE death_date = DATE '2025-03-01'`)).toBeGreaterThanOrEqual(1);
    await third.close();
  });
});
