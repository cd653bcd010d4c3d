import { Table, tableToIPC, type Vector } from 'apache-arrow';
import type { Engine } from '../engine/engine.js';
import { utf8Vector } from '../engine/utf8-vector.js';

/**
 * Append text columns to a DuckDB table through Arrow IPC (create it with VARCHAR columns
 * when `create`). Values are cast to their real types later in SQL, which keeps leading
 * zeros and lets DuckDB do the conversion fast.
 */
export async function insertTextColumns(
  engine: Engine,
  table: string,
  names: string[],
  columns: (string | null)[][],
  create: boolean,
): Promise<void> {
  const vectors: Record<string, Vector> = {};
  names.forEach((n, i) => (vectors[n] = utf8Vector(columns[i]!)));
  await engine.insertArrowIPC(table, tableToIPC(new Table(vectors), 'stream'), { create });
}
