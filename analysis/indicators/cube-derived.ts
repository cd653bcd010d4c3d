import { queryRows, sqlString, type Engine } from '../engine/engine.js';
import { CUBE_TABLE } from './cube/schema.js';

/**
 * What recomputations reuse while the cube is unchanged: the pivot of its cells (temp
 * tables) and the life tables' cells (JS arrays). The views recompute with another pooling,
 * smoothing, life-table method or indicator list far more often than the cube changes.
 *
 * A derived item is valid for a stamp: a token that the cube's builder and dropCube discard
 * (forgetCubeDerived), plus the cube table's identity and row count, which also catch a
 * cube dropped, re-created or loaded by any other path. The stamp lives in the database, so
 * every wrapper of one connection (the workspace's lazy engine, its inner engine) agrees.
 */
const TABLE = '_ind_derived';

/** Forget everything derived from the cube: called by every write to it (build.ts). */
export async function forgetCubeDerived(engine: Engine): Promise<void> {
  await engine.query(`DROP TABLE IF EXISTS ${TABLE}`);
}

/** JS values by engine: name → the stamped parameters they were made for, and the value. */
const values = new WeakMap<Engine, Map<string, { key: string; value: unknown }>>();

export interface CubeDerived {
  /** Run `build` (which makes temp tables) unless it already ran for `params` on this cube. */
  tables(name: string, params: string, build: () => Promise<void>): Promise<void>;
  /** `build`'s value, kept while the cube and `params` are unchanged. */
  value<T>(name: string, params: string, build: () => Promise<T>): Promise<T>;
}

/** The derived items of the cube as it is now (call after any build of it). */
export async function cubeDerived(engine: Engine): Promise<CubeDerived> {
  await engine.query(`CREATE TEMP TABLE IF NOT EXISTS ${TABLE} AS SELECT '' AS name, CAST(uuid() AS VARCHAR) AS key`);
  const rows = await queryRows<{ name: string; key: string; oid: number | null; n: number }>(
    engine,
    `SELECT name, key, (SELECT max(table_oid) FROM duckdb_tables() WHERE table_name = '${CUBE_TABLE}') AS oid,
       (SELECT count(*) FROM ${CUBE_TABLE}) AS n
     FROM ${TABLE}`,
  );
  const token = rows.find((r) => r.name === '')!;
  const stamp = `${token.key}:${token.oid}:${token.n}`;
  const made = new Map(rows.map((r) => [r.name, r.key]));
  const key = (params: string) => `${stamp}|${params}`;
  // '' names the token's row.
  const named = (name: string) => {
    if (name === '') throw new Error('a derived item needs a name');
    return sqlString(name);
  };
  return {
    async tables(name, params, build) {
      if (made.get(name) === key(params)) return;
      // Unmarked first: a build that fails half-way must not leave the old mark standing.
      await engine.query(`DELETE FROM ${TABLE} WHERE name = ${named(name)}`);
      await build();
      await engine.query(`INSERT INTO ${TABLE} VALUES (${named(name)}, ${sqlString(key(params))})`);
    },
    async value<T>(name: string, params: string, build: () => Promise<T>): Promise<T> {
      let byName = values.get(engine);
      if (!byName) values.set(engine, (byName = new Map()));
      const hit = byName.get(name);
      if (hit && hit.key === key(params)) return hit.value as T;
      byName.delete(name);
      const value = await build();
      byName.set(name, { key: key(params), value });
      return value;
    },
  };
}
