import type { Engine } from '../engine/engine.js';

/**
 * An engine whose large tables are loaded on first use. Opening a workspace then costs only
 * its small tables (the cube, the quality report, the import log): the views read those, and
 * the registers load when a statement first names them (an import, a cube rebuild). The
 * wrapper also notes which tables a statement writes, so a save rewrites only those.
 */
export interface LazyEngine extends Engine {
  /** Load everything still waiting. */
  loadAll(): Promise<void>;
  /** Items not loaded yet (their saved files are still current). */
  readonly pending: ReadonlySet<string>;
  /** Tables written since the last takeWritten(). */
  readonly written: ReadonlySet<string>;
  /** Tables written since the last call, which clears the list. */
  takeWritten(): Set<string>;
  /** Mark a table as written (a save that failed puts its marks back). */
  markWritten(table: string): void;
}

/** Something loaded on first use: a table's rows, or part of a table's rows. */
export interface LazyItem {
  name: string;
  /** Load before a statement for which this says yes (given the statement and the tables it writes). */
  needed(sql: string, writes: ReadonlySet<string>): boolean;
  /** Forget instead of loading before such a statement (e.g. one that drops the table). */
  discard?(sql: string): boolean;
  /** Insert the rows; the table already exists. */
  load(): Promise<void>;
}

/** An item for a whole table: needed by any statement that names it. */
export function tableItem(table: string, load: () => Promise<void>): LazyItem {
  const named = new RegExp(`\\b${table}\\b`, 'i');
  return { name: table, needed: (sql) => named.test(sql), load };
}

const WRITE =
  /^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|DELETE\s+FROM|UPDATE|TRUNCATE(?:\s+TABLE)?|ALTER\s+TABLE|DROP\s+TABLE(?:\s+IF\s+EXISTS)?|CREATE\s+(?:OR\s+REPLACE\s+)?TABLE|COPY)\s+"?(\w+)"?/i;

/** Tables a SQL text writes (CREATE TABLE IF NOT EXISTS creates nothing that exists). */
export function writeTargets(sql: string): Set<string> {
  const out = new Set<string>();
  for (const stmt of sql.split(';')) {
    const m = WRITE.exec(stmt);
    if (m && !/^\s*CREATE\s+TABLE\s+IF\s+NOT\s+EXISTS/i.test(stmt)) out.add(m[1]!.toLowerCase());
  }
  return out;
}

export function lazyEngine(inner: Engine, items: LazyItem[], watched: Iterable<string>): LazyEngine {
  // Not yet loaded (a load in flight included: its table is still incomplete).
  const pending = new Map(items.map((i) => [i.name, i]));
  const loading = new Map<string, Promise<void>>();
  const watch = new Set(watched);
  const written = new Set<string>();

  const ensure = (item: LazyItem): Promise<void> => {
    if (!pending.has(item.name)) return Promise.resolve();
    let p = loading.get(item.name);
    if (!p) {
      p = item.load().then(
        () => {
          pending.delete(item.name);
          loading.delete(item.name);
        },
        (e: unknown) => {
          // The load undid itself: try again on the next statement that needs it.
          loading.delete(item.name);
          throw e;
        },
      );
      loading.set(item.name, p);
    }
    return p;
  };
  const loadAll = async () => {
    await Promise.all([...pending.values()].map(ensure));
  };
  /** Loads what the statement needs; returns the items it discards (forgotten once it ran). */
  const ensureFor = async (sql: string, writes: ReadonlySet<string>): Promise<string[]> => {
    // A transaction must not contain a load: a ROLLBACK would undo it.
    if (/^\s*BEGIN\b/i.test(sql)) {
      await loadAll();
      return [];
    }
    const todo: Promise<void>[] = [];
    const discarded: string[] = [];
    for (const item of [...pending.values()]) {
      if (item.discard?.(sql)) {
        // A load in flight finishes first, so the statement then removes all of it.
        const running = loading.get(item.name);
        if (running) todo.push(running.catch(() => undefined));
        discarded.push(item.name);
      } else if (item.needed(sql, writes)) todo.push(ensure(item));
    }
    await Promise.all(todo);
    return discarded;
  };

  return {
    get pending() {
      return new Set(pending.keys());
    },
    get written() {
      return written;
    },
    loadAll,
    takeWritten() {
      const out = new Set(written);
      written.clear();
      return out;
    },
    markWritten(table) {
      written.add(table);
    },
    async query(sql) {
      const writes = writeTargets(sql);
      const discarded = await ensureFor(sql, writes);
      for (const t of writes) if (watch.has(t)) written.add(t);
      const result = await inner.query(sql);
      // Only a statement that ran forgets what it removed: a failed DROP keeps it pending.
      for (const name of discarded) pending.delete(name);
      return result;
    },
    async insertArrowIPC(table, ipc, options) {
      await ensureFor(`INSERT INTO ${table}`, new Set([table]));
      if (watch.has(table)) written.add(table);
      return inner.insertArrowIPC(table, ipc, options);
    },
    registerFile: (name, bytes) => inner.registerFile(name, bytes),
    dropFile: (name) => inner.dropFile(name),
    fileBytes: (name) => inner.fileBytes(name),
    close: () => inner.close(),
  };
}
