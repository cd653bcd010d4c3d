import { hasRows, queryRows, sqlString, tableExists, type Engine } from '../../engine/engine.js';
import { exclusive } from '../../engine/exclusive.js';
import { communeByCode, provinceByCode } from '../../model/admin-units.js';
import { CANONICAL_TABLES, createTableSql } from '../../model/schema.js';
import { A0_TEMP_TABLES, a0DetailSql, a0SingleAgesSql } from './a0.js';
import { misCellsSql } from './mis.js';
import { levelsSql, marginalsSql } from './rollup.js';
import { CUBE_COLUMNS_SQL, CUBE_TABLE, CUBE_YEARS_COLUMNS_SQL, CUBE_YEARS_TABLE, type CubeSource } from './schema.js';
import { forgetCubeDerived } from '../cube-derived.js';

export interface BuildCubeOptions {
  source: CubeSource;
  /** Years of flows [first, last]; stocks also at 31/12 of first − 1. Default: the years with events. */
  years?: [number, number];
  /**
   * Also the village rows (A0 only). Default false: they are three quarters of the cube and
   * only village-level requests read them, so those build them (ensureCubeVillages).
   */
  villages?: boolean;
  /**
   * Only add the village rows to a cube already built for the same source and years
   * (ensureCubeVillagesUnlocked): its commune and province rows are kept, being the same.
   */
  villagesOnly?: boolean;
  /** Called after each statement of the build: `done` of `total` (a large province takes many seconds). */
  onProgress?: (done: number, total: number) => void;
}

export interface CubeInfo {
  source: CubeSource;
  years: [number, number] | null;
  rows: number;
}

async function run(engine: Engine, statements: string[], step: () => void = () => {}): Promise<void> {
  for (const s of statements) {
    await engine.query(s);
    step();
  }
}

/**
 * The statements that make `_cube_cells` from the A0 tables: detail, marginals, single ages;
 * of every commune, or of `communes` only (update.ts).
 */
export function a0CellsSql(years: [number, number], villages: boolean, communes?: readonly string[]): string[] {
  return [...a0DetailSql(years[0], years[1], villages, communes), ...marginalsSql(), a0SingleAgesSql(years[0], years[1])];
}

/** Run a0CellsSql's statements; their temporary tables go, whatever happens (they would hold memory). */
export async function runA0Cells(engine: Engine, statements: string[], step?: () => void): Promise<void> {
  try {
    await run(engine, statements, step);
  } finally {
    await run(engine, A0_TEMP_TABLES.map((t) => `DROP TABLE IF EXISTS ${t}`));
  }
}

/**
 * Years the register covers: those with births, deaths or moves. Marriages and contraceptive
 * spells are not used: the register records them with their historic dates (a couple married
 * in 1990 is entered when the book opens).
 * A register without any of those (persons only) still gives the stocks: from the first year
 * in which it records someone leaving (those who left earlier are no longer in the export, so
 * earlier stocks would miss them) to its last entry or exit; a register nobody has left yet,
 * its last year only.
 */
export async function a0Years(engine: Engine): Promise<[number, number] | null> {
  const sources: Array<[string, string]> = [['sinh', 'birth_date'], ['chet', 'death_date'], ['chuyen_cu', 'move_date']];
  const parts: string[] = [];
  for (const [t, c] of sources) if (await tableExists(engine, t)) parts.push(`SELECT min(year(${c})) lo, max(year(${c})) hi FROM ${t}`);
  type Span = { lo: number | null; hi: number | null };
  // The cube keeps a person's years as bits of one 64-bit mask: a stray date decades back
  // (a birth typed 1955) must not widen it past that, so the span is its last MAX_YEARS years.
  const capped = (lo: number, hi: number): [number, number] => [Math.max(lo, hi - MAX_YEARS + 1), hi];
  const [r] = parts.length ? await queryRows<Span>(engine, `SELECT min(lo) lo, max(hi) hi FROM (${parts.join(' UNION ALL ')})`) : [];
  if (r && r.lo !== null && r.hi !== null) return capped(r.lo, r.hi);
  if (!(await tableExists(engine, 'nhan_khau'))) return null;
  const [p] = await queryRows<Span>(
    engine,
    `SELECT min(year(exit_date)) lo, greatest(max(year(entry_date)), max(year(exit_date))) hi FROM nhan_khau`,
  );
  return p && p.hi !== null ? capped(p.lo ?? p.hi, p.hi) : null;
}

/** The most years a cube spans (its year masks hold 62; a register's history is shorter than this). */
const MAX_YEARS = 40;

/**
 * Names and provinces of the communes in the data (admin units 2025, else the register's
 * province code). A0: the communes of the cells being built and of the cube's commune rows
 * (an update sums the province from every commune's), not the register's alone: a workspace
 * of event tables without a register (a station's births export) still has its communes.
 * Where there is a register, a commune it lacks stays out of the province (province '??',
 * as before): the province's population is the register's, and that commune's births would
 * inflate its rates (CBR 120 ‰ for 60 ‰, review of 63838c4).
 */
export async function loadUnits(engine: Engine, source: CubeSource): Promise<void> {
  const q =
    source === 'a0'
      ? `SELECT c.commune_code, r.province_code, r.commune_code IS NOT NULL AS registered
         FROM (SELECT commune_code FROM _cube_cells UNION SELECT unit_code FROM ${CUBE_TABLE} WHERE source = 'a0' AND level = 'commune') c
         LEFT JOIN (SELECT commune_code, any_value(province_code) AS province_code FROM nhan_khau GROUP BY ALL) r ON r.commune_code = c.commune_code
         WHERE c.commune_code IS NOT NULL`
      : `SELECT DISTINCT commune_code, CAST(NULL AS VARCHAR) AS province_code, true AS registered FROM mis WHERE commune_code IS NOT NULL`;
  const rows = await queryRows<{ commune_code: string; province_code: string | null; registered: boolean }>(engine, q);
  await engine.query(
    `CREATE OR REPLACE TEMP TABLE _units (commune_code VARCHAR, commune_name VARCHAR, province_code VARCHAR, province_name VARCHAR)`,
  );
  if (rows.length === 0) return;
  const register = rows.some((r) => r.registered);
  const values = rows.map((r) => {
    const c = communeByCode(r.commune_code);
    const pcode = register && !r.registered ? null : (c?.provinceCode ?? r.province_code ?? null);
    const pname = pcode ? (c?.provinceName ?? provinceByCode(pcode)?.name ?? null) : null;
    const lit = (s: string | null | undefined) => (s ? sqlString(s) : 'NULL');
    return `(${lit(r.commune_code)}, ${lit(c?.communeName)}, ${lit(pcode)}, ${lit(pname)})`;
  });
  await engine.query(`INSERT INTO _units VALUES ${values.join(', ')}`);
}

/** Whether the cube has village rows for `source`, or cannot have any (MIS exports are by commune; a register without villages). */
async function villagesReady(engine: Engine, source: CubeSource): Promise<boolean> {
  if (source !== 'a0') return true;
  if (await hasRows(engine, `${CUBE_TABLE} WHERE source = 'a0' AND level = 'village'`)) return true;
  return !(await tableExists(engine, 'nhan_khau')) || !(await hasRows(engine, `nhan_khau WHERE village IS NOT NULL`));
}

/**
 * Build the village rows of a cube built without them (the first village-level request):
 * the cube is rebuilt with villages over the same years (its commune and province rows do
 * not change). Callers hold exclusive() (computeIndicators) or use ensureCubeVillages.
 */
export async function ensureCubeVillagesUnlocked(engine: Engine, source: CubeSource, onProgress?: BuildCubeOptions['onProgress']): Promise<void> {
  if (!(await tableExists(engine, CUBE_TABLE)) || (await villagesReady(engine, source))) return;
  const years = await builtA0Years(engine);
  // The years must be those the cube was built for, else its commune rows would not match.
  await buildCubeUnlocked(engine, { source, villages: true, villagesOnly: years !== undefined, ...(years ? { years } : {}), ...(onProgress ? { onProgress } : {}) });
}

/** The years a source's cube was built for, as its build recorded them (CUBE_YEARS_TABLE). */
export async function recordedYears(engine: Engine, source: CubeSource): Promise<[number, number] | null> {
  if (!(await tableExists(engine, CUBE_YEARS_TABLE))) return null;
  const [y] = await queryRows<{ first_year: number; last_year: number }>(
    engine,
    `SELECT first_year, last_year FROM ${CUBE_YEARS_TABLE} WHERE source = ${sqlString(source)}`,
  );
  return y ? [y.first_year, y.last_year] : null;
}

/**
 * The years an A0 cube was built for: recorded, or for a cube saved before they were, guessed
 * from its rows: the default ones (`byDefault`, a0Years) when its events span them (a
 * register whose population starts in the first year has no stock the year before),
 * otherwise the stocks start at 31/12 of the year before the first.
 */
export async function builtA0Years(engine: Engine, byDefault?: [number, number] | null): Promise<[number, number] | undefined> {
  const recorded = await recordedYears(engine, 'a0');
  if (recorded) return recorded;
  const [r] = await queryRows<{ lo: number | null; flo: number | null; hi: number | null }>(
    engine,
    `SELECT min(year) FILTER (WHERE element = 'population') AS lo,
       min(year) FILTER (WHERE element IN ('births', 'deaths', 'in_migrants', 'out_migrants')) AS flo, max(year) AS hi
     FROM ${CUBE_TABLE} WHERE source = 'a0' AND level = 'province'`,
  );
  if (byDefault === undefined) byDefault = await a0Years(engine);
  return byDefault && r?.flo === byDefault[0] && r.hi === byDefault[1]
    ? byDefault
    : r && r.lo !== null && r.hi !== null
      ? [r.lo + 1, r.hi]
      : undefined;
}

/** ensureCubeVillagesUnlocked for callers outside exclusive() (the views). */
export function ensureCubeVillages(engine: Engine, source: CubeSource): Promise<void> {
  return exclusive(engine, () => ensureCubeVillagesUnlocked(engine, source));
}

/** Forget the cube (after the canonical tables changed); it is rebuilt on next use. */
export async function dropCube(engine: Engine): Promise<void> {
  await forgetCubeDerived(engine);
  await engine.query(`DROP TABLE IF EXISTS ${CUBE_TABLE}`);
  await engine.query(`DROP TABLE IF EXISTS ${CUBE_YEARS_TABLE}`);
}

/** Record the years a source's cube is built for (null: none, its rows deleted). */
async function recordYears(engine: Engine, source: CubeSource, years: [number, number] | null): Promise<void> {
  await engine.query(`CREATE TABLE IF NOT EXISTS ${CUBE_YEARS_TABLE} (${CUBE_YEARS_COLUMNS_SQL})`);
  await engine.query(`DELETE FROM ${CUBE_YEARS_TABLE} WHERE source = ${sqlString(source)}`);
  if (years) await engine.query(`INSERT INTO ${CUBE_YEARS_TABLE} VALUES (${sqlString(source)}, ${years[0]}, ${years[1]})`);
}

/** Create the cube table if absent. */
export async function ensureCubeTable(engine: Engine): Promise<void> {
  await engine.query(`CREATE TABLE IF NOT EXISTS ${CUBE_TABLE} (${CUBE_COLUMNS_SQL})`);
}

/** Build (or rebuild) the cube rows of one source from the canonical tables in the engine. */
export function buildCube(engine: Engine, options: BuildCubeOptions): Promise<CubeInfo> {
  // Temp tables of fixed names: take turns with imports and indicator computations.
  return exclusive(engine, () => buildCubeUnlocked(engine, options));
}

/** buildCube for callers already inside exclusive() (computeIndicators). */
export async function buildCubeUnlocked(engine: Engine, options: BuildCubeOptions): Promise<CubeInfo> {
  // Whatever recomputations kept from the old cube (cube-derived.ts).
  await forgetCubeDerived(engine);
  await ensureCubeTable(engine);
  // A workspace may lack some tables (nothing imported yet): read them as empty.
  for (const t of CANONICAL_TABLES) await engine.query(createTableSql(t));
  const { source } = options;
  const villages = options.villages ?? false;
  // Without villages an A0 build's cells are already one per commune × key.
  const levels = levelsSql(source, source === 'a0' && !villages, source === 'a0' && villages && options.villagesOnly === true);
  let years: [number, number] | null;
  // Progress: statements done of `total` (set once the statements are known).
  let done = 0;
  let total = 0;
  const step = () => options.onProgress?.(++done, total);
  if (source === 'a0') {
    years = options.years ?? (await a0Years(engine));
    if (!years) {
      await engine.query(`DELETE FROM ${CUBE_TABLE} WHERE source = 'a0'`);
      await recordYears(engine, source, null);
      return { source, years: null, rows: 0 };
    }
    const cells = a0CellsSql(years, villages);
    // Statements in order: cells, units, levels.
    total = cells.length + 1 + levels.length;
    await runA0Cells(engine, cells, step);
  } else {
    const cells = misCellsSql();
    total = cells.length + 1 + levels.length;
    await run(engine, cells, step);
    if (options.years) {
      await engine.query(`DELETE FROM _cube_cells WHERE year NOT BETWEEN ${options.years[0] - 1} AND ${options.years[1]}`);
    }
    const [r] = await queryRows<{ lo: number | null; hi: number | null }>(engine, `SELECT min(year) lo, max(year) hi FROM _cube_cells`);
    years = r && r.lo !== null && r.hi !== null ? [r.lo, r.hi] : null;
  }
  await loadUnits(engine, source);
  step();
  await run(engine, levels, step);
  if (source === 'a0' && !options.villagesOnly) await recordYears(engine, source, years);
  const [n] = await queryRows<{ n: number }>(engine, `SELECT count(*) AS n FROM ${CUBE_TABLE} WHERE source = ${sqlString(source)}`);
  return { source, years, rows: n?.n ?? 0 };
}
