import { afterAll, beforeAll, beforeEach } from 'vitest';
import { sqlString, type Engine } from '../../../analysis/engine/engine.js';
import { createNodeEngine } from '../../../analysis/engine/node.js';
import { CANONICAL_TABLES, SCHEMA, createTableSql, type CanonicalTable } from '../../../analysis/model/schema.js';

type Value = string | number | boolean | null | undefined;

/**
 * One engine for the test file (starting duckdb-wasm takes seconds), handed to `set`; each
 * test starts from empty canonical tables and no cube.
 */
export function emptyTablesEachTest(set: (engine: Engine) => void): void {
  let engine: Engine | undefined;
  beforeAll(async () => {
    engine = await createNodeEngine();
    set(engine);
  });
  beforeEach(async () => {
    await engine!.query('DROP TABLE IF EXISTS cube');
    await engine!.query('DROP TABLE IF EXISTS cube_years');
    for (const t of CANONICAL_TABLES) await engine!.query(`DROP TABLE IF EXISTS ${t}`);
    await createCanonicalTables(engine!);
  });
  afterAll(async () => engine?.close());
}

/** Create every canonical table, empty. */
export async function createCanonicalTables(engine: Engine): Promise<void> {
  for (const t of CANONICAL_TABLES) await engine.query(createTableSql(t));
}

/** Insert rows given as objects of canonical columns (missing columns are NULL). */
export async function insertRows(engine: Engine, table: CanonicalTable, rows: Array<Record<string, Value>>): Promise<void> {
  if (rows.length === 0) return;
  const cols = SCHEMA[table].columns;
  const lit = (v: Value, type: string) => {
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    if (typeof v === 'number') return String(v);
    // Person ids are pseudonyms (UBIGINT): a test's label ('P1') stands for hash('P1').
    if (type === 'UBIGINT') return `hash(${sqlString(v)})`;
    return type === 'DATE' ? `DATE ${sqlString(v)}` : sqlString(v);
  };
  const values = rows.map((r) => `(${cols.map((c) => lit(r[c.name], c.type)).join(', ')})`);
  await engine.query(`INSERT INTO ${table} VALUES ${values.join(', ')}`);
}
