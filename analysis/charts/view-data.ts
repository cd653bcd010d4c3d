import { queryRows, sqlString, type Engine } from '../engine/engine.js';
import { CUBE_TABLE, SINGLE_AGE_ELEMENT } from '../indicators/cube/schema.js';
import { ensureCubeVillages } from '../indicators/cube/build.js';
import { DATA_ELEMENTS } from '../model/data-elements.js';
import { whipple, myers } from '../ingest/age-heaping.js';
import type { PyramidRow } from './pyramid.js';
import type { UnitLevel } from '../indicators/result.js';
import type { CubeSource } from '../indicators/cube/schema.js';
import { lifeTableSeries, unitLifeTables, type UnitLifeTable } from '../indicators/life-expectancy.js';
import type { LifeTableMethod, LifeTableSex } from '../indicators/lifetable.js';

/** The views' reads of the cube and the register; the renderer holds no SQL. */

/** The source the indicators read: A0 when the cube holds any A0 rows, else MIS. */
function sourceSql(): string {
  return `(SELECT CASE WHEN count(*) FILTER (WHERE source = 'a0') > 0 THEN 'a0' ELSE 'mis' END FROM ${CUBE_TABLE})`;
}

/** First and last year with flows in the cube (a first year with stocks only is not reported); a cube of stocks only, its years. */
export async function cubeYears(engine: Engine): Promise<[number, number] | null> {
  const flows = Object.entries(DATA_ELEMENTS).filter(([, k]) => k === 'flow').map(([e]) => sqlString(e)).join(', ');
  // A register imported without any events has stocks only: their years then.
  const [r] = await queryRows<{ lo: number | null; hi: number | null; slo: number | null; shi: number | null }>(
    engine,
    `SELECT min(year) FILTER (WHERE element IN (${flows})) AS lo, max(year) FILTER (WHERE element IN (${flows})) AS hi,
       min(year) AS slo, max(year) AS shi
     FROM ${CUBE_TABLE} WHERE source = ${sourceSql()} AND period_type = 'year'`,
  );
  if (r && r.lo != null && r.hi != null) return [Number(r.lo), Number(r.hi)];
  return r && r.slo != null && r.shi != null ? [Number(r.slo), Number(r.shi)] : null;
}

/**
 * The life table behind a unit's e₀ for one sex and the window of `pool` years ending at
 * `year`: the same deaths, person-years and method as the indicator (life-expectancy.ts), so
 * its e₀ is the value on the card. Null when the unit has no deaths or population then.
 */
export async function unitLifeTableAt(
  engine: Engine,
  o: { level: UnitLevel; unitCode: string; year: number; pool: number; method: LifeTableMethod; sex: LifeTableSex },
): Promise<UnitLifeTable | null> {
  const [r] = await queryRows<{ source: CubeSource }>(engine, `SELECT ${sourceSql()} AS source`);
  if (!r) return null;
  const year = Math.trunc(o.year);
  // This unit's cells only (not every unit of its level, thousands with villages).
  const series = await lifeTableSeries(engine, r.source, [o.level], o.unitCode);
  const window = { source: r.source, levels: [o.level], firstYear: year - o.pool + 1, lastYear: year, pool: o.pool, method: o.method };
  const tables = await unitLifeTables(engine, window, series);
  return tables.find((t) => t.sex === o.sex && t.end_year === year && t.table !== null) ?? null;
}

/** Five-year groups for a pyramid: the cube's 0 and 1–4 make 0–4. */
export const PYRAMID_AGE_GROUPS = [
  '0-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44',
  '45-49', '50-54', '55-59', '60-64', '65-69', '70-74', '75-79', '80-84', '85+',
] as const;

/**
 * Population at 31/12 of `year` by 5-year age group and sex for one unit of a level, from the
 * cube. The level is named in the SQL: a village's rows are loaded on first use (they are
 * saved apart), and a code is only ever read at its own level.
 */
export async function pyramidRows(engine: Engine, unitCode: string, year: number, level: UnitLevel): Promise<PyramidRow[]> {
  // A cube is built without its village rows until a village is asked for.
  if (level === 'village') await ensureCubeVillages(engine, 'a0');
  const rows = await queryRows<{ age_group: string; sex: 'M' | 'F'; value: number }>(
    engine,
    `SELECT CASE WHEN age_group IN ('0', '1-4') THEN '0-4' ELSE age_group END AS age_group, sex, sum(value) AS value
     FROM ${CUBE_TABLE}
     WHERE source = ${sourceSql()} AND element = 'population' AND period_type = 'year' AND year = ${Math.trunc(year)}
       AND level = ${sqlString(level)} AND unit_code = ${sqlString(unitCode)} AND sex IN ('M', 'F') AND age_group NOT IN ('total', 'unknown')
     GROUP BY ALL`,
  );
  const byKey = new Map(rows.map((r) => [`${r.age_group}|${r.sex}`, Number(r.value)]));
  return PYRAMID_AGE_GROUPS.flatMap((g) => (['M', 'F'] as const).map((sex) => ({ age_group: g, sex, value: byKey.get(`${g}|${sex}`) ?? 0 })));
}

export interface UnitAgeHeaping {
  persons: number;
  whipple: number | null;
  myers: number | null;
}

/**
 * Whipple's and Myers' indices for a commune (or the whole register when `communeCode` is
 * null) from completed ages at 31/12 of `year` of the usual residents then. Reads the cube's
 * single-year ages when it has them (A0), else the register: null when it is empty.
 */
export async function unitAgeHeaping(engine: Engine, communeCode: string | null, year: number): Promise<UnitAgeHeaping | null> {
  const y = Math.trunc(year);
  const [inCube] = await queryRows<{ n: number }>(
    engine,
    `SELECT count(*) AS n FROM information_schema.tables t WHERE t.table_name = '${CUBE_TABLE}'
       AND EXISTS (SELECT 1 FROM ${CUBE_TABLE} WHERE element = '${SINGLE_AGE_ELEMENT}' AND source = 'a0')`,
  ).catch(() => [{ n: 0 }]);
  const ref = `DATE '${y}-12-31'`;
  const where = communeCode ? `AND commune_code = ${sqlString(communeCode)}` : '';
  const rows = inCube?.n
    ? await queryRows<{ age: number; n: number }>(
        engine,
        `SELECT CAST(age_group AS INTEGER) AS age, sum(value) AS n FROM ${CUBE_TABLE}
         WHERE source = 'a0' AND element = '${SINGLE_AGE_ELEMENT}' AND year = ${y}
           AND ${communeCode ? `level = 'commune' AND unit_code = ${sqlString(communeCode)}` : `level = 'province'`}
         GROUP BY 1`,
      )
    : await queryRows<{ age: number; n: number }>(
        engine,
        `SELECT date_sub('year', birth_date, ${ref}) AS age, count(*) AS n FROM nhan_khau
         WHERE birth_date IS NOT NULL AND coalesce(residence_status, 'thuong_tru') IN ('thuong_tru', 'tam_vang')
           AND entry_date <= ${ref} AND (exit_date IS NULL OR exit_date > ${ref}) ${where}
         GROUP BY 1`,
      );
  if (rows.length === 0) return null;
  const counts = new Array<number>(121).fill(0);
  for (const r of rows) if (r.age >= 0 && r.age <= 120) counts[Number(r.age)] = Number(r.n);
  return { persons: counts.reduce((s, n) => s + n, 0), whipple: whipple(counts), myers: myers(counts) };
}
