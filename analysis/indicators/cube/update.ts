import { queryRows, sqlString, tableExists, type Engine } from '../../engine/engine.js';
import { MALE_METHODS, type CanonicalTable } from '../../model/schema.js';
import { forgetCubeDerived } from '../cube-derived.js';
import { a0CellsSql, a0Years, builtA0Years, dropCube, loadUnits, recordedYears, runA0Cells } from './build.js';
import { communesLevelsSql } from './rollup.js';
import { CUBE_TABLE } from './schema.js';

/**
 * What the imports of one batch changed, for the cube: collected as each table's rows are
 * replaced and inserted (importer.ts), applied once at the end of the batch.
 */
export interface CubeChanges {
  /** Communes whose A0 cube rows may differ: those of the rows changed, and those that look them up. */
  communes: Set<string>;
  /** An MIS export's rows changed. */
  mis: boolean;
  /** Communes in the cube (a0CubeCommunes): when most change it is rebuilt whole. */
  cubeCommunes: number;
  /**
   * The years the cube was built for: recorded by its build, or for a cube saved before
   * 02/12/2026 the register's years (a0Years) before the batch, every import since its build
   * having updated it with unchanged years or dropped it (its rows cannot tell them: a stray
   * 1955 birth widens them, yet leaves no flow in most years).
   */
  yearsBefore: [number, number] | null;
  /** Noting failed: the cube cannot be updated, only dropped. */
  unknown?: boolean;
}

/** What a batch changes in a built cube, or null without one (nothing to note). */
export async function cubeChangesFor(engine: Engine): Promise<CubeChanges | null> {
  const cubeCommunes = await a0CubeCommunes(engine);
  if (cubeCommunes === 0) return null;
  // Recorded, the registers need not be read (a saved workspace loads them when first named).
  const yearsBefore = (await recordedYears(engine, 'a0')) ?? (await a0Years(engine));
  return { communes: new Set(), mis: false, cubeCommunes, yearsBefore };
}

/** More than half the cube's communes: a whole build then costs little more than an update. */
const most = (changed: number, of: number) => changed * 2 > of;

/**
 * SQL of the communes whose A0 cube rows depend on `rows` (a SELECT of rows of `table`): their
 * own commune's, and those whose build looks these rows up across communes (a0.ts): a birth
 * without the mother's birth date takes it from any commune's register; a woman on a register
 * is married by a ket_hon row of any commune, until her husband's death in any commune's chet,
 * and his male method (bptt of the marriage's commune) counts for her.
 */
export function dependentCommunesSql(table: Exclude<CanonicalTable, 'mis'>, rows: string): string {
  const own = `SELECT commune_code FROM (${rows})`;
  const wives = (wifeIds: string) => `SELECT commune_code FROM nhan_khau WHERE person_id IN (${wifeIds})`;
  const across: Partial<Record<CanonicalTable, string>> = {
    nhan_khau: `SELECT commune_code FROM sinh WHERE mother_birth_date IS NULL AND mother_id IN (SELECT person_id FROM (${rows}))`,
    chet: wives(`SELECT wife_id FROM ket_hon WHERE husband_id IN (SELECT person_id FROM (${rows}))`),
    ket_hon: wives(`SELECT wife_id FROM (${rows})`),
    bptt: wives(
      `SELECT wife_id FROM ket_hon WHERE hash(commune_code, husband_id) IN
         (SELECT hash(commune_code, person_id) FROM (${rows}) WHERE method IN (${MALE_METHODS.map(sqlString).join(', ')}))`,
    ),
  };
  const parts = [own, across[table]].filter((p): p is string => p !== undefined);
  return `SELECT DISTINCT commune_code FROM (${parts.join(' UNION ALL ')}) WHERE commune_code IS NOT NULL`;
}

/** Add to `changes` what rows of `table` (a SELECT) change, as they are about to be replaced or inserted. */
export async function noteCubeChanges(engine: Engine, changes: CubeChanges, table: CanonicalTable, rows: string): Promise<void> {
  if (table === 'mis') {
    changes.mis = true;
    return;
  }
  // Rebuilt whole anyway: a re-import of a whole province notes no more (each look-up scans a table).
  if (changes.unknown || most(changes.communes.size, changes.cubeCommunes)) return;
  try {
    const found = await queryRows<{ commune_code: string }>(engine, dependentCommunesSql(table, rows));
    for (const r of found) changes.communes.add(r.commune_code);
  } catch {
    // The import goes on; its cube is dropped and rebuilt whole on next use.
    changes.unknown = true;
  }
}

/** The communes of the cube's A0 rows (0 without): only with some is it worth noting what an import changes. */
export async function a0CubeCommunes(engine: Engine): Promise<number> {
  if (!(await tableExists(engine, CUBE_TABLE))) return 0;
  const [r] = await queryRows<{ n: number }>(engine, `SELECT count(DISTINCT unit_code) AS n FROM ${CUBE_TABLE} WHERE source = 'a0' AND level = 'commune'`);
  return r?.n ?? 0;
}

export type CubeUpdate = 'updated' | 'dropped' | 'unchanged';

/**
 * Bring a built cube up to date with an import's changes (callers hold exclusive()): the A0
 * rows of the changed communes are rebuilt and the province rows summed again, which takes a
 * commune's share of a whole build; MIS rows are deleted, to be rebuilt whole on next use (an
 * MIS export is small). The whole cube is dropped instead, and rebuilt on next use, when the
 * register's years moved (every commune's stocks and rates span them), more than half the
 * communes changed, or the changes could not be noted.
 */
export async function updateCubeUnlocked(engine: Engine, changes: CubeChanges): Promise<CubeUpdate> {
  if (!(await tableExists(engine, CUBE_TABLE))) return 'unchanged';
  if (changes.unknown) {
    await dropCube(engine);
    return 'dropped';
  }
  await forgetCubeDerived(engine);
  if (changes.mis) {
    await engine.query(`DELETE FROM ${CUBE_TABLE} WHERE source = 'mis'`);
    // An A0 cube of event tables alone (no register: no population) was the default source
    // only for want of MIS rows (prepareCube). Now there are some: the next computation
    // chooses again, rather than the saved cube keeping A0 for good.
    const [a0] = await queryRows<{ n: number; pop: number }>(
      engine,
      `SELECT count(*) AS n, count(*) FILTER (WHERE element = 'population') AS pop FROM ${CUBE_TABLE} WHERE source = 'a0' AND level = 'province'`,
    );
    if (a0 && a0.n > 0 && a0.pop === 0) {
      await dropCube(engine);
      return 'dropped';
    }
  }
  if (changes.communes.size === 0) return changes.mis ? 'updated' : 'unchanged';
  const [built] = await queryRows<{ communes: number; villages: boolean }>(
    engine,
    `SELECT count(DISTINCT unit_code) FILTER (WHERE level = 'commune') AS communes, count(*) FILTER (WHERE level = 'village') > 0 AS villages
     FROM ${CUBE_TABLE} WHERE source = 'a0'`,
  );
  if (!built || built.communes === 0) return 'unchanged';
  const drop = async (): Promise<CubeUpdate> => {
    await dropCube(engine);
    return 'dropped';
  };
  if (most(changes.communes.size, built.communes)) return drop();
  const years = await a0Years(engine);
  const sameYears = (a: [number, number] | null | undefined) => !!a && !!years && a[0] === years[0] && a[1] === years[1];
  // The cube's rows must agree too (a cube built for other years than the register's default).
  if (!years || !sameYears(changes.yearsBefore) || !sameYears(await builtA0Years(engine, years))) return drop();
  const communes = [...changes.communes].sort();
  await runA0Cells(engine, a0CellsSql(years, built.villages, communes));
  await loadUnits(engine, 'a0');
  // The old rows go and the new ones come in one transaction: never a cube without them.
  await engine.query('BEGIN TRANSACTION');
  try {
    for (const s of communesLevelsSql('a0', communes, !built.villages)) await engine.query(s);
    await engine.query('COMMIT');
  } catch (e) {
    await engine.query('ROLLBACK');
    throw e;
  }
  return 'updated';
}
