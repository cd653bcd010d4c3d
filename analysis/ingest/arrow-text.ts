import { DataType, Table, tableToIPC, type Vector } from 'apache-arrow';
import type { Engine } from '../engine/engine.js';
import { utf8Vector } from '../engine/utf8-vector.js';

/**
 * (Re)create `table` as a TEMP table holding these Arrow vectors: text as VARCHAR, unsigned
 * 64-bit integers (pseudonyms) as UBIGINT. TEMP: rows passing through on their way
 * elsewhere; in the workspace's database they would be compressed at a checkpoint for nothing.
 */
export async function insertTempColumns(engine: Engine, table: string, vectors: Record<string, Vector>): Promise<void> {
  const sqlType = (v: Vector) => {
    if (DataType.isUtf8(v.type)) return 'VARCHAR';
    if (DataType.isInt(v.type) && v.type.bitWidth === 64 && !v.type.isSigned) return 'UBIGINT';
    throw new Error(`no SQL type for Arrow ${String(v.type)}`);
  };
  const columns = Object.entries(vectors).map(([n, v]) => `"${n}" ${sqlType(v)}`).join(', ');
  await engine.query(`DROP TABLE IF EXISTS ${table}; CREATE TEMP TABLE ${table} (${columns})`);
  await engine.insertArrowIPC(table, tableToIPC(new Table(vectors), 'stream'), { create: false });
}

/**
 * Text columns as a TEMP table (insertTempColumns). Values are cast to their real types later
 * in SQL, which keeps leading zeros and lets DuckDB do the conversion fast.
 */
export async function insertTextColumns(engine: Engine, table: string, names: string[], columns: (string | null)[][]): Promise<void> {
  const vectors: Record<string, Vector> = {};
  names.forEach((n, i) => (vectors[n] = utf8Vector(columns[i]!)));
  await insertTempColumns(engine, table, vectors);
}
