import { Table, tableToIPC, type Vector } from 'apache-arrow';
import type { Engine } from '../engine/engine.js';
import { utf8Vector } from '../engine/utf8-vector.js';

/**
 * (Re)create `table` as a TEMP table of VARCHAR columns holding these Arrow text vectors.
 * TEMP: rows passing through on their way elsewhere; in the workspace's database they would
 * be compressed at a checkpoint for nothing (random pseudonyms cost the most: 1.6 s per
 * slice of a marriages export).
 */
export async function insertTempText(engine: Engine, table: string, vectors: Record<string, Vector>): Promise<void> {
  const columns = Object.keys(vectors).map((n) => `"${n}" VARCHAR`).join(', ');
  await engine.query(`DROP TABLE IF EXISTS ${table}; CREATE TEMP TABLE ${table} (${columns})`);
  await engine.insertArrowIPC(table, tableToIPC(new Table(vectors), 'stream'), { create: false });
}

/**
 * Text columns as a TEMP table (insertTempText). Values are cast to their real types later
 * in SQL, which keeps leading zeros and lets DuckDB do the conversion fast.
 */
export async function insertTextColumns(engine: Engine, table: string, names: string[], columns: (string | null)[][]): Promise<void> {
  const vectors: Record<string, Vector> = {};
  names.forEach((n, i) => (vectors[n] = utf8Vector(columns[i]!)));
  await insertTempText(engine, table, vectors);
}
