import { exclusive } from '../engine/exclusive.js';
import { tableToIPC } from 'apache-arrow';
import { queryRows, sqlIdent, tableExists, type Engine } from '../engine/engine.js';
import type { ImportHelpers } from '../ingest/fast-csv.js';
import { makePseudonymiser, newPseudonymKey, type Pseudonymiser } from '../ingest/pseudonym.js';
import type { MappingPreset } from '../ingest/mapping.js';
import { refreshQualitySummary } from '../ingest/quality-report.js';
import { CANONICAL_TABLES, createTableSql } from '../model/schema.js';
import { appendPart } from './legacy-ids.js';
import { emptyManifest, KEY_FILE, MANIFEST, parseManifest, WORKSPACE_VERSION, type Manifest } from './manifest.js';
import type { WorkspaceStore } from './store.js';
import { lazyEngine, tableItem, type LazyEngine, type LazyItem } from './lazy-engine.js';
import { CUBE_COLUMNS_SQL, CUBE_TABLE, CUBE_VERSION, CUBE_YEARS_COLUMNS_SQL, CUBE_YEARS_TABLE } from '../indicators/cube/schema.js';
import { createSql, IMPORT_LOG_COLUMNS, IMPORT_LOG_TABLE, QUALITY_REPORT_COLUMNS, QUALITY_SUMMARY_COLUMNS_SQL, QUALITY_SUMMARY_TABLE, QUALITY_TABLE } from './tables.js';

/** Every table a workspace persists besides the cube. */
export const WORKSPACE_TABLES = [...CANONICAL_TABLES, QUALITY_TABLE, IMPORT_LOG_TABLE] as const;
/** Loaded when the workspace opens; the canonical tables wait for their first use. */
const EAGER_TABLES = [QUALITY_TABLE, IMPORT_LOG_TABLE];
/** The cube's village rows, saved apart and loaded when first needed. */
const CUBE_VILLAGES = 'cube_villages';
/** Tables the quality summary is computed from. */
const SUMMARY_SOURCES = new Set<string>([...CANONICAL_TABLES, QUALITY_TABLE]);
/** Tables derived from the others, saved when present: the cube and the quality summary. */
const DERIVED_TABLES: Record<string, string> = {
  [CUBE_TABLE]: CUBE_COLUMNS_SQL,
  [CUBE_YEARS_TABLE]: CUBE_YEARS_COLUMNS_SQL,
  [QUALITY_SUMMARY_TABLE]: QUALITY_SUMMARY_COLUMNS_SQL,
};
/** Saved tables: the workspace's own and the derived ones. */
const SAVED_TABLES = [...WORKSPACE_TABLES, ...Object.keys(DERIVED_TABLES)];

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
  /** Row count and rowid range of each table as last loaded or saved: a second check on the write marks. */
  private readonly prints = new Map<string, string>();
  readonly pseudonymise: Pseudonymiser;

  private constructor(
    readonly engine: LazyEngine,
    readonly store: WorkspaceStore,
    private manifest: Manifest,
    key: Uint8Array,
    /** The import's JS work on another thread, where the platform has one (node-open.ts). */
    readonly helpers?: ImportHelpers,
  ) {
    this.pseudonymise = makePseudonymiser(key);
  }

  /**
   * Open the workspace in `store` (creating it when empty) into a fresh engine. The small
   * tables and the cube are loaded now; the canonical tables when first used (lazy-engine.ts).
   * `helpers`, given the workspace's pseudonym key, makes the import's helpers (Node: a worker thread).
   */
  static async open(store: WorkspaceStore, engine: Engine, helpers?: (key: Uint8Array) => ImportHelpers): Promise<Workspace> {
    const mbytes = await store.read(MANIFEST);
    const manifest = mbytes ? parseManifest(mbytes) : emptyManifest();
    let key = await store.read(KEY_FILE);
    if (!key) {
      if (mbytes) throw new Error('workspace is missing its pseudonym key (pseudonym-key.bin)');
      key = newPseudonymKey();
      await store.write(KEY_FILE, key);
    }
    for (const t of WORKSPACE_TABLES) await engine.query(createStatement(t));
    // A cube built by other rules is left out, and forgotten by the next save: it is rebuilt
    // from the tables on first use (numbers saved by an older version are not shown again).
    if (manifest.cubeVersion !== CUBE_VERSION) {
      delete manifest.tables[CUBE_TABLE];
      delete manifest.tables[CUBE_VILLAGES];
      delete manifest.tables[CUBE_YEARS_TABLE];
    }
    const converted = new Set<string>();
    // Parts saved under `entry` (a table, or the cube's village rows) appended to `table`.
    const insertParts = async (table: string, entry = table) => {
      for (const part of manifest.tables[entry] ?? []) {
        const bytes = await store.read(part.file);
        if (!bytes) throw new Error(`workspace file missing: ${part.file}`);
        // A part saved with text pseudonyms (version 2) is converted: its table is then
        // written again by the next save.
        if (await appendPart(engine, table, bytes)) converted.add(table);
      }
    };
    // Derived tables: saved when present, absent until first built.
    for (const [t, columns] of Object.entries(DERIVED_TABLES)) {
      if (!manifest.tables[t]?.length) continue;
      await engine.query(`CREATE TABLE IF NOT EXISTS ${t} (${columns})`);
      await insertParts(t);
    }
    for (const t of EAGER_TABLES) await insertParts(t);
    // A failed load leaves the table as it was before, so a retry cannot double rows.
    const loaded = (table: string, entry: string, undo: string) => async () => {
      try {
        await insertParts(table, entry);
        // Through the inner engine: the wrapper would wait for this very load. Inside the
        // try: a load that fails here too is undone, so a retry cannot double the rows.
        ws.prints.set(table, await ws.print(table, engine));
        if (converted.has(table)) ws.engine.markWritten(table);
      } catch (e) {
        await engine.query(undo);
        throw e;
      }
    };
    const items: LazyItem[] = CANONICAL_TABLES.filter((t) => (manifest.tables[t]?.length ?? 0) > 0).map((t) =>
      tableItem(t, loaded(t, t, `DELETE FROM ${sqlIdent(t)}`)),
    );
    if (manifest.tables[CUBE_VILLAGES]?.length) {
      // Most of a large cube is its village rows, which only village-level requests read.
      // Any write to the cube loads them first (a partial rebuild must keep them); dropping
      // the cube forgets them.
      items.push({
        name: CUBE_VILLAGES,
        needed: (sql, writes) => writes.has(CUBE_TABLE) || /'village'/.test(sql),
        discard: (sql) => new RegExp(`^\\s*DROP\\s+TABLE\\s+(IF\\s+EXISTS\\s+)?"?${CUBE_TABLE}\\b`, 'i').test(sql),
        load: loaded(CUBE_TABLE, CUBE_VILLAGES, `DELETE FROM ${CUBE_TABLE} WHERE level = 'village'`),
      });
    }
    const ws: Workspace = new Workspace(lazyEngine(engine, items, SAVED_TABLES), store, manifest, key, helpers?.(key));
    const pending = ws.engine.pending;
    for (const t of SAVED_TABLES) if (!pending.has(t)) ws.prints.set(t, await ws.print(t));
    if (!mbytes) await ws.save();
    await ws.removeUnreferenced();
    return ws;
  }

  /** Load every table now (the CLI and benchmarks; the app loads on first use). */
  loadAll(): Promise<void> {
    return this.engine.loadAll();
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
  /** Rows of a table as last saved (0 when never saved), without loading it. */
  savedRows(table: string): number {
    return (this.manifest.tables[table] ?? []).reduce((n, part) => n + part.rows, 0);
  }
  /** Whether the saved cube has its village rows (they load without the registers). */
  get savedVillageRows(): boolean {
    return (this.manifest.tables[CUBE_VILLAGES]?.length ?? 0) > 0;
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

  /**
   * Save if a table changed since the last save (e.g. the cube was built); says whether it
   * did. Waits for imports and computations on the engine (exclusive): a save in the middle
   * of an import's transaction could find a canonical table dropped and not yet replaced.
   */
  saveChanges(): Promise<boolean> {
    return exclusive(this.engine, async () => {
      await this.saving;
      if (this.engine.written.size === 0) return false;
      await this.save();
      return true;
    });
  }

  private async doSave(): Promise<void> {
    const gen = this.manifest.generation + 1;
    // The views read the quality summary instead of the registers: keep it with the data.
    // A table changed if a statement was seen writing it, or if its fingerprint moved (a
    // write the statement parser did not recognise, e.g. a schema-qualified name). Each
    // fingerprint is read once per save; a loaded table only, the others are as saved.
    const now = new Map<string, string>();
    const changed = async (t: string) => {
      if (this.engine.written.has(t)) return true;
      if (this.engine.pending.has(t)) return false;
      if (!now.has(t)) now.set(t, await this.print(t));
      return now.get(t) !== this.prints.get(t);
    };
    let sourcesChanged = false;
    for (const t of SUMMARY_SOURCES) if (!sourcesChanged) sourcesChanged = await changed(t);
    if (sourcesChanged) await refreshQualitySummary(this.engine);
    const written = this.engine.takeWritten();
    const tables: Manifest['tables'] = {};
    // New fingerprints take effect only once the manifest naming the new files is written.
    const prints = new Map<string, string>();
    let manifest: Manifest;
    try {
      for (const t of SAVED_TABLES) {
        // Unchanged since the last save (or not loaded): its files are still current.
        const keep = (entry: string) => {
          const before = this.manifest.tables[entry] ?? [];
          if (before.length) tables[entry] = before;
        };
        if (!written.has(t) && !(await changed(t))) {
          keep(t);
          if (t === CUBE_TABLE) keep(CUBE_VILLAGES);
          continue;
        }
        const parts = t === CUBE_TABLE ? await this.writeTable(t, gen, `level <> 'village'`) : await this.writeTable(t, gen);
        if (parts.length) tables[t] = parts;
        if (t === CUBE_TABLE) {
          // Not pending here: any write to the cube loaded them, a drop forgot them.
          const villages = await this.writeTable(t, gen, `level = 'village'`, CUBE_VILLAGES);
          if (villages.length) tables[CUBE_VILLAGES] = villages;
        }
        prints.set(t, await this.print(t));
      }
      manifest = { ...this.manifest, version: WORKSPACE_VERSION, cubeVersion: CUBE_VERSION, generation: gen, savedAt: new Date().toISOString(), tables };
      await this.store.write(MANIFEST, new TextEncoder().encode(JSON.stringify(manifest, null, 2)));
    } catch (e) {
      // Not saved: keep the marks so the next save writes these tables again.
      for (const t of written) this.engine.markWritten(t);
      throw e;
    }
    for (const [t, p] of prints) this.prints.set(t, p);
    this.manifest = manifest;
    await this.removeUnreferenced();
  }

  /** Row count and rowid range of a table; null when it does not exist. */
  private async extent(t: string, engine: Engine = this.engine): Promise<{ n: number; lo: number | null; hi: number | null } | null> {
    // Only the workspace's own database: a temporary table of the same name is not saved.
    if (!(await tableExists(engine, t, true))) return null;
    const [r] = await queryRows<{ n: number; lo: number | null; hi: number | null }>(
      engine,
      `SELECT count(*) AS n, min(rowid) AS lo, max(rowid) AS hi FROM ${sqlIdent(t)}`,
    );
    return r ?? null;
  }

  private async print(t: string, engine: Engine = this.engine): Promise<string> {
    const e = await this.extent(t, engine);
    return e ? `${e.n}:${e.lo}:${e.hi}` : 'absent';
  }

  /** Write one table as IPC parts of the next generation; none when absent or empty. */
  private async writeTable(t: string, gen: number, where = 'TRUE', entry = t): Promise<Manifest['tables'][string]> {
    const e = await this.extent(t);
    const parts: Manifest['tables'][string] = [];
    if (!e || e.n === 0 || e.lo === null || e.hi === null) return parts;
    const { lo, hi } = e;
    for (let a = lo, part = 0; a <= hi; a += ROWS_PER_FILE) {
      const tbl = await this.engine.query(
        `SELECT * FROM ${sqlIdent(t)} WHERE rowid >= ${a} AND rowid < ${a + ROWS_PER_FILE} AND ${where} ORDER BY rowid`,
      );
      if (tbl.numRows === 0) continue;
      const file = `${entry}.g${gen}.${part++}.arrow`;
      await this.store.write(file, tableToIPC(tbl, 'stream'));
      parts.push({ file, rows: tbl.numRows });
    }
    return parts;
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
