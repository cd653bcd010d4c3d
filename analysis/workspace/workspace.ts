import { tableToIPC } from 'apache-arrow';
import { queryRows, sqlIdent, type Engine } from '../engine/engine.js';
import { makePseudonymiser, newPseudonymKey, type Pseudonymiser } from '../ingest/pseudonym.js';
import type { MappingPreset } from '../ingest/mapping.js';
import { CANONICAL_TABLES, createTableSql } from '../model/schema.js';
import { emptyManifest, KEY_FILE, MANIFEST, parseManifest, WORKSPACE_VERSION, type Manifest } from './manifest.js';
import type { WorkspaceStore } from './store.js';
import { createSql, IMPORT_LOG_COLUMNS, IMPORT_LOG_TABLE, QUALITY_REPORT_COLUMNS, QUALITY_TABLE } from './tables.js';

/** Every table a workspace persists. */
export const WORKSPACE_TABLES = [...CANONICAL_TABLES, QUALITY_TABLE, IMPORT_LOG_TABLE] as const;

const ROWS_PER_FILE = 1_000_000;

function createStatement(table: string): string {
  if (table === QUALITY_TABLE) return createSql(table, QUALITY_REPORT_COLUMNS);
  if (table === IMPORT_LOG_TABLE) return createSql(table, IMPORT_LOG_COLUMNS);
  return createTableSql(table as (typeof CANONICAL_TABLES)[number]);
}

/**
 * An open workspace: its tables live in the engine; `save()` persists them to the store.
 * Unsaved changes exist only in the engine, so a crash loses them but never corrupts the
 * saved state.
 */
export class Workspace {
  private saving: Promise<void> = Promise.resolve();
  readonly pseudonymise: Pseudonymiser;

  private constructor(
    readonly engine: Engine,
    readonly store: WorkspaceStore,
    private manifest: Manifest,
    key: Uint8Array,
  ) {
    this.pseudonymise = makePseudonymiser(key);
  }

  /** Open the workspace in `store` (creating it when empty) into a fresh engine. */
  static async open(store: WorkspaceStore, engine: Engine): Promise<Workspace> {
    const mbytes = await store.read(MANIFEST);
    const manifest = mbytes ? parseManifest(mbytes) : emptyManifest();
    let key = await store.read(KEY_FILE);
    if (!key) {
      if (mbytes) throw new Error('workspace is missing its pseudonym key (pseudonym-key.bin)');
      key = newPseudonymKey();
      await store.write(KEY_FILE, key);
    }
    for (const t of WORKSPACE_TABLES) {
      await engine.query(createStatement(t));
      for (const part of manifest.tables[t] ?? []) {
        const bytes = await store.read(part.file);
        if (!bytes) throw new Error(`workspace file missing: ${part.file}`);
        await engine.insertArrowIPC(t, bytes, { create: false });
      }
    }
    const ws = new Workspace(engine, store, manifest, key);
    if (!mbytes) await ws.save();
    await ws.removeUnreferenced();
    return ws;
  }

  get version(): number {
    return WORKSPACE_VERSION;
  }
  get generation(): number {
    return this.manifest.generation;
  }
  get presets(): readonly MappingPreset[] {
    return this.manifest.presets;
  }

  /** Remember a column mapping (saved with the next save()). */
  addPreset(preset: MappingPreset): void {
    this.manifest.presets = [...this.manifest.presets.filter((p) => p.name !== preset.name), preset];
  }

  /** Persist every table atomically (see manifest.ts). Saves are serialised. */
  save(): Promise<void> {
    const next = this.saving.then(() => this.doSave());
    this.saving = next.catch(() => {});
    return next;
  }

  private async doSave(): Promise<void> {
    const gen = this.manifest.generation + 1;
    const tables: Manifest['tables'] = {};
    for (const t of WORKSPACE_TABLES) {
      tables[t] = [];
      const [{ n, lo, hi }] = (await queryRows<{ n: number; lo: number | null; hi: number | null }>(
        this.engine,
        `SELECT count(*) AS n, min(rowid) AS lo, max(rowid) AS hi FROM ${sqlIdent(t)}`,
      )) as [{ n: number; lo: number | null; hi: number | null }];
      if (n === 0 || lo === null || hi === null) continue;
      let part = 0;
      for (let a = lo; a <= hi; a += ROWS_PER_FILE) {
        const tbl = await this.engine.query(
          `SELECT * FROM ${sqlIdent(t)} WHERE rowid >= ${a} AND rowid < ${a + ROWS_PER_FILE} ORDER BY rowid`,
        );
        if (tbl.numRows === 0) continue;
        const file = `${t}.g${gen}.${part++}.arrow`;
        await this.store.write(file, tableToIPC(tbl, 'stream'));
        tables[t]!.push({ file, rows: tbl.numRows });
      }
    }
    const manifest: Manifest = { ...this.manifest, version: WORKSPACE_VERSION, generation: gen, savedAt: new Date().toISOString(), tables };
    await this.store.write(MANIFEST, new TextEncoder().encode(JSON.stringify(manifest, null, 2)));
    this.manifest = manifest;
    await this.removeUnreferenced();
  }

  /** Delete data files of older generations (and of saves that never finished). */
  private async removeUnreferenced(): Promise<void> {
    const keep = new Set([MANIFEST, KEY_FILE]);
    for (const parts of Object.values(this.manifest.tables)) for (const p of parts) keep.add(p.file);
    for (const name of await this.store.list()) if (!keep.has(name) && name.endsWith('.arrow')) await this.store.remove(name);
  }

  async close(): Promise<void> {
    await this.saving;
    await this.engine.close();
  }
}
