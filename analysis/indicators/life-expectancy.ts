import { sqlString, type Engine } from '../engine/engine.js';
import { AGE_GROUPS } from '../model/age-groups.js';
import { CUBE_TABLE, type CubeSource } from './cube/schema.js';
import { lifeTable, type LifeTable, type LifeTableMethod, type LifeTableSex } from './lifetable.js';

/** Start ages of the cube's age groups: 0, 1, 5, 10, …, 85 (85+ open). */
export const LIFE_TABLE_AGES = AGE_GROUPS.map((g) => (g === '85+' ? 85 : Number(g.split('-')[0])));
export const MIN_PERSON_YEARS = 5000;

export interface UnitLifeTable {
  level: string;
  unit_code: string;
  end_year: number;
  sex: LifeTableSex;
  deaths: number[];
  personYears: number[];
  table: LifeTable | null;
}

/**
 * Deaths and person-years by age group for every unit, sex and window of k years ending at
 * each year, from the cube; then the life table of each. Person-years of a year are its
 * average population (end of previous year + end of year) / 2.
 */
export async function unitLifeTables(
  engine: Engine,
  o: { source: CubeSource; levels: string[]; firstYear: number; lastYear: number; pool: number; method: LifeTableMethod },
): Promise<UnitLifeTable[]> {
  const k = o.pool;
  // One row per unit, window and sex, with deaths and person-years as lists in age order
  // (20 times fewer rows to convert than one per age group); the age index is computed once.
  const ageIndex = `CASE age_group ${AGE_GROUPS.map((g, i) => `WHEN ${sqlString(g)} THEN ${i}`).join(' ')} END`;
  const table = await engine.query(
    `WITH c AS (
       SELECT level, unit_code, year, sex, ${ageIndex} AS i,
         coalesce(sum(value) FILTER (WHERE element = 'deaths'), 0) AS d,
         coalesce(sum(value) FILTER (WHERE element = 'population'), 0) AS p
       FROM ${CUBE_TABLE}
       WHERE source = ${sqlString(o.source)} AND period_type = 'year' AND element IN ('deaths', 'population')
         AND level IN (${o.levels.map(sqlString).join(', ')}) AND sex IN ('M', 'F', 'T')
         AND age_group IN (${AGE_GROUPS.map(sqlString).join(', ')})
       GROUP BY ALL),
     w AS (
       SELECT level, unit_code, e, sex, i,
         sum(CASE WHEN year > e - ${k} THEN d ELSE 0 END) AS d,
         sum(p * ((CASE WHEN year > e - ${k} THEN 0.5 ELSE 0 END) + (CASE WHEN year < e THEN 0.5 ELSE 0 END))) AS py
       FROM c JOIN range(${o.firstYear + k - 1}, ${o.lastYear + 1}) t(e) ON year BETWEEN e - ${k} AND e
       GROUP BY ALL)
     SELECT level, unit_code, CAST(e AS INTEGER) AS e, sex, list(i ORDER BY i) AS ages,
       list(CAST(d AS DOUBLE) ORDER BY i) AS d, list(CAST(py AS DOUBLE) ORDER BY i) AS py
     FROM w GROUP BY ALL`,
  );
  const col = (name: string) => Array.from(table.getChild(name) as Iterable<unknown>);
  const [levels, units, ends, sexes] = [col('level'), col('unit_code'), col('e'), col('sex')] as [string[], string[], number[], LifeTableSex[]];
  // Typed arrays of numbers: reading a list of structs row by row cost more than the SQL.
  // (Arrow vectors from duckdb-wasm; other engines may hand back plain iterables.)
  const numbers = (v: unknown): ArrayLike<number> =>
    typeof (v as { toArray?: unknown }).toArray === 'function'
      ? (v as { toArray(): ArrayLike<number> }).toArray()
      : Array.from(v as Iterable<number | bigint>, Number);
  const lists = (name: string) => col(name).map(numbers);
  const [ages, ds, pys] = [lists('ages'), lists('d'), lists('py')];
  const groups = new Map<string, UnitLifeTable>();
  for (let r = 0; r < table.numRows; r++) {
    const g: UnitLifeTable = {
      level: levels[r]!, unit_code: units[r]!, end_year: Number(ends[r]), sex: sexes[r]!,
      deaths: AGE_GROUPS.map(() => 0), personYears: AGE_GROUPS.map(() => 0), table: null,
    };
    const [a, d, py] = [ages[r]!, ds[r]!, pys[r]!];
    for (let j = 0; j < a.length; j++) {
      g.deaths[a[j]!] = d[j]!;
      g.personYears[a[j]!] = py[j]!;
    }
    groups.set(`${g.level}|${g.unit_code}|${g.end_year}|${g.sex}`, g);
  }
  for (const g of groups.values()) {
    g.table = lifeTable({ ages: LIFE_TABLE_AGES, deaths: g.deaths, population: g.personYears, sex: g.sex, method: o.method });
  }
  return [...groups.values()];
}
