import { tableFromIPC, type Table, type Vector } from 'apache-arrow';

/** A plain JS value as rows carry them: BigInt counts become numbers, DATEs become ISO strings. */
export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/**
 * The one seam between analysis code and DuckDB. Adapters (Node blocking bindings,
 * browser Web Worker) exchange Arrow IPC bytes with duckdb-wasm, so the arrow-17 copy
 * bundled inside duckdb-wasm never leaks out: callers only see apache-arrow 21 tables.
 */
export interface Engine {
  /** Run one or more SQL statements; the result of the last one as an Arrow table. */
  query(sql: string): Promise<Table>;
  /** Create (or append to) a table from Arrow IPC stream bytes. */
  insertArrowIPC(table: string, ipc: Uint8Array, options?: { create?: boolean }): Promise<void>;
  /** Make bytes readable by SQL under `name` (e.g. read_csv('name')). */
  registerFile(name: string, bytes: Uint8Array): Promise<void>;
  dropFile(name: string): Promise<void>;
  /** Bytes of a file DuckDB wrote (COPY ... TO 'name'). */
  fileBytes(name: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * Run first on every new connection. duckdb-wasm's default in-memory database keeps tables
 * uncompressed: a 5-million-person register then fills its 3.1 GB limit before the cube is
 * built. An attached in-memory database with COMPRESS stores them compressed (≈ 6× smaller on
 * register-like columns, measured) and scans them faster; USE makes it the default catalog,
 * so every statement is unchanged. Temporary tables stay in the temp catalog.
 */
export const COMPRESSED_MEMORY_SQL = `ATTACH ':memory:' AS workspace (COMPRESS); USE workspace`;

/** Decode duckdb-wasm's IPC result with our arrow version. */
export function tableFromResultBytes(bytes: Uint8Array): Table {
  return tableFromIPC(bytes);
}

/** Convert a table to plain rows with JS numbers (never BigInt) and ISO date strings. */
export function tableToRows<T extends object = Row>(table: Table): T[] {
  const fields = table.schema.fields;
  // Iterate each column once (get(i) searches the record batches on every call), with its
  // converter chosen once per column rather than per cell.
  const columns = fields.map((f) => {
    const v = table.getChild(f.name);
    return v ? Array.from(v as Iterable<unknown>) : [];
  });
  const convert = fields.map((f) => converter(String(f.type), 'scale' in f.type ? Number((f.type as { scale: number }).scale) : 0));
  const names = fields.map((f) => f.name);
  const out: T[] = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, Cell> = {};
    for (let c = 0; c < names.length; c++) {
      const v = columns[c]![i];
      row[names[c]!] = v === null || v === undefined ? null : convert[c]!(v);
    }
    out[i] = row as T;
  }
  return out;
}

function converter(type: string, scale: number): (v: unknown) => Cell {
  // Arrow dates come back as epoch milliseconds.
  if (type.startsWith('Date')) return (v) => new Date(Number(v)).toISOString().slice(0, 10);
  if (type.startsWith('Timestamp')) return (v) => new Date(Number(v)).toISOString();
  const div = type.startsWith('Decimal') ? 10 ** scale : 1;
  return (v) => {
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'bigint') return Number(v);
    if (v instanceof Uint8Array) return null;
    if (typeof v === 'object' && v !== null && 'valueOf' in v) {
      // Decimal values arrive as objects (Uint32Array-backed); valueOf gives a number/bigint.
      const n = (v as { valueOf(): unknown }).valueOf();
      if (typeof n === 'bigint') return Number(n) / div;
      if (typeof n === 'number') return n / div;
      return String(v);
    }
    return v as Cell;
  };
}

/**
 * A numeric Arrow vector (a column, or the values of one list cell) as indexable numbers:
 * its typed array when it has one (no conversion per value), BigInts made numbers. A null's
 * slot holds whatever the buffer holds: where NULL matters, send it as a number (NaN).
 */
export function numberArray(v: Vector | null | undefined, name = 'column'): ArrayLike<number> {
  if (!v) throw new Error(`missing ${name}`);
  const a = v.toArray() as ArrayLike<number> | BigInt64Array | BigUint64Array;
  return a instanceof BigInt64Array || a instanceof BigUint64Array ? Array.from(a, Number) : a;
}

/** Run a query and return plain rows. */
export async function queryRows<T extends object = Row>(engine: Engine, sql: string): Promise<T[]> {
  return tableToRows<T>(await engine.query(sql));
}

/**
 * Whether a table of this name exists; with `ownDatabase`, only in the current database (a
 * temporary table of the same name does not count).
 */
export async function tableExists(engine: Engine, name: string, ownDatabase = false): Promise<boolean> {
  const where = ownDatabase ? ' AND database_name = current_database()' : '';
  const [r] = await queryRows<{ n: number }>(engine, `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ${sqlString(name)}${where}`);
  return (r?.n ?? 0) > 0;
}

/** Whether `from` (a table, with a WHERE clause if any) holds a row: reads one at most. */
export async function hasRows(engine: Engine, from: string): Promise<boolean> {
  return (await queryRows(engine, `SELECT 1 FROM ${from} LIMIT 1`)).length > 0;
}

/** Quote a string as a SQL literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** Quote an identifier. */
export function sqlIdent(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}
