import type { Engine } from '../engine/engine.js';

/**
 * An engine whose large tables are loaded on first use. Opening a workspace then costs only
 * its small tables (the cube, the quality report, the import log): the views read those, and
 * the registers load when a statement first names them (an import, a cube rebuild, the age
 * heaping). The wrapper also notes which tables a statement writes, so a save rewrites only
 * those.
 */
export interface LazyEngine extends Engine {
  /** Load every table still waiting. */
  loadAll(): Promise<void>;
  /** Tables not loaded yet (their saved files are still current). */
  readonly pending: ReadonlySet<string>;
  /** Tables written since the last takeWritten(). */
  readonly written: ReadonlySet<string>;
  /** Tables written since the last call, which clears the list. */
  takeWritten(): Set<string>;
  /** Mark a table as written (a save that failed puts its marks back). */
  markWritten(table: string): void;
}

/** `load(table)` must create nothing: the table already exists (empty) in `inner`. */
export function lazyEngine(inner: Engine, lazyTables: Iterable<string>, watched: Iterable<string>, load: (table: string) => Promise<void>): LazyEngine {
  const pending = new Set(lazyTables);
  const loading = new Map<string, Promise<void>>();
  const watch = [...watched];
  const written = new Set<string>();
  const namePattern = (t: string) => new RegExp(`\\b${t}\\b`, 'i');
  const patterns = new Map(watch.map((t) => [t, namePattern(t)]));

  const ensure = (table: string): Promise<void> => {
    if (!pending.has(table)) return loading.get(table) ?? Promise.resolve();
    pending.delete(table);
    const p = load(table);
    loading.set(table, p);
    return p;
  };
  const ensureFor = async (sql: string) => {
    // A transaction must not contain a load: a ROLLBACK would undo it.
    if (/^\s*BEGIN\b/i.test(sql)) return loadAll();
    await Promise.all([...pending].filter((t) => patterns.get(t)?.test(sql) ?? namePattern(t).test(sql)).map(ensure));
  };
  const noteWrites = (sql: string) => {
    for (const stmt of sql.split(';')) {
      const m = /^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|DELETE\s+FROM|UPDATE|TRUNCATE(?:\s+TABLE)?|ALTER\s+TABLE|DROP\s+TABLE(?:\s+IF\s+EXISTS)?|CREATE\s+(?:OR\s+REPLACE\s+)?TABLE(?:\s+IF\s+NOT\s+EXISTS)?|COPY)\s+"?(\w+)"?/i.exec(stmt);
      if (m && patterns.has(m[1]!.toLowerCase()) && !/^\s*CREATE\s+TABLE\s+IF\s+NOT\s+EXISTS/i.test(stmt)) written.add(m[1]!.toLowerCase());
    }
  };
  const loadAll = async () => {
    await Promise.all([...pending, ...loading.keys()].map(ensure));
  };

  return {
    get pending() {
      return pending;
    },
    loadAll,
    get written() {
      return written;
    },
    takeWritten() {
      const out = new Set(written);
      written.clear();
      return out;
    },
    markWritten(table) {
      written.add(table);
    },
    async query(sql) {
      await ensureFor(sql);
      noteWrites(sql);
      return inner.query(sql);
    },
    async insertArrowIPC(table, ipc, options) {
      await ensure(table);
      if (patterns.has(table)) written.add(table);
      return inner.insertArrowIPC(table, ipc, options);
    },
    registerFile: (name, bytes) => inner.registerFile(name, bytes),
    dropFile: (name) => inner.dropFile(name),
    fileBytes: (name) => inner.fileBytes(name),
    close: () => inner.close(),
  };
}
