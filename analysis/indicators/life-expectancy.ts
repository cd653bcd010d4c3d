import type { Vector } from 'apache-arrow';
import { numberArray, sqlString, type Engine } from '../engine/engine.js';
import { AGE_GROUPS } from '../model/age-groups.js';
import { CUBE_TABLE, type CubeSource } from './cube/schema.js';
import { lifeTable, type LifeTable, type LifeTableMethod, type LifeTableSex } from './lifetable.js';

/** Start ages of the cube's age groups: 0, 1, 5, 10, …, 85 (85+ open). */
export const LIFE_TABLE_AGES = AGE_GROUPS.map((g) => (g === '85+' ? 85 : Number(g.split('-')[0])));
export const MIN_PERSON_YEARS = 5000;
/** The life-table indicator of each sex (both sexes together: 'T'). */
export const E0_OF_SEX = { T: 'e0', M: 'e0_male', F: 'e0_female' } as const satisfies Record<LifeTableSex, string>;

export interface UnitLifeTable {
  level: string;
  unit_code: string;
  end_year: number;
  sex: LifeTableSex;
  deaths: number[];
  personYears: number[];
  table: LifeTable | null;
}

/** Deaths and year-end population by age group of one unit and sex, per year. */
export interface LifeTableSeries {
  level: string;
  unit_code: string;
  sex: LifeTableSex;
  years: Map<number, { d: Float64Array; p: Float64Array }>;
}

/**
 * Every year's deaths and year-end population by age group of every unit of `levels` and
 * sex, from the cube. Depends on the cube, the source and the levels only: recomputations
 * reuse it (cube-derived.ts).
 */
export async function lifeTableSeries(engine: Engine, source: CubeSource, levels: string[], unit?: string): Promise<LifeTableSeries[]> {
  // One row per unit with its cells as one list of (year, sex, deaths?, age index, value):
  // a hundred rows to convert, each list read as typed arrays; the windows are summed below
  // in JS (a join and two groupings in SQL cost twice as much).
  const ageIndex = `CASE age_group ${AGE_GROUPS.map((g, i) => `WHEN ${sqlString(g)} THEN ${i}`).join(' ')} END`;
  const table = await engine.query(
    `SELECT level, unit_code, list({y: CAST(year AS INTEGER), s: CASE sex WHEN 'T' THEN 0 WHEN 'M' THEN 1 ELSE 2 END,
       d: CASE WHEN element = 'deaths' THEN 1 ELSE 0 END, i: ${ageIndex}, v: CAST(value AS DOUBLE)}) AS cells
     FROM ${CUBE_TABLE}
     WHERE source = ${sqlString(source)} AND period_type = 'year' AND element IN ('deaths', 'population')
       AND level IN (${levels.map(sqlString).join(', ')}) AND sex IN ('M', 'F', 'T')${unit === undefined ? '' : ` AND unit_code = ${sqlString(unit)}`}
       AND age_group IN (${AGE_GROUPS.map(sqlString).join(', ')})
     GROUP BY level, unit_code`,
  );
  const col = (name: string) => Array.from(table.getChild(name) as Iterable<unknown>);
  const [lv, units, cells] = [col('level'), col('unit_code'), col('cells')] as [string[], string[], Vector[]];
  // Each list's fields as typed arrays: reading a list of structs row by row cost more than the SQL.
  const field = (list: Vector, name: string) => numberArray(list.getChild(name), name);
  const SEXES: LifeTableSex[] = ['T', 'M', 'F'];
  const n = AGE_GROUPS.length;
  const series: LifeTableSeries[] = [];
  for (let r = 0; r < table.numRows; r++) {
    const bySex = SEXES.map((sex) => ({ level: lv[r]!, unit_code: units[r]!, sex, years: new Map<number, { d: Float64Array; p: Float64Array }>() }));
    const [y, s, d, i, v] = ['y', 's', 'd', 'i', 'v'].map((f) => field(cells[r]!, f)) as [ArrayLike<number>, ArrayLike<number>, ArrayLike<number>, ArrayLike<number>, ArrayLike<number>];
    for (let j = 0; j < y.length; j++) {
      const years = bySex[s[j]!]!.years;
      let c = years.get(y[j]!);
      if (!c) years.set(y[j]!, (c = { d: new Float64Array(n), p: new Float64Array(n) }));
      (d[j] ? c.d : c.p)[i[j]!]! += v[j]!;
    }
    for (const x of bySex) if (x.years.size > 0) series.push(x);
  }
  return series;
}

/**
 * Deaths and person-years by age group for every unit, sex and window of k years ending at
 * each year, from the cube (or from `series` read before); then the life table of each.
 * Person-years of a year are its average population (end of previous year + end of year) / 2.
 */
export async function unitLifeTables(
  engine: Engine,
  o: { source: CubeSource; levels: string[]; firstYear: number; lastYear: number; pool: number; method: LifeTableMethod },
  series?: LifeTableSeries[],
): Promise<UnitLifeTable[]> {
  const k = o.pool;
  const n = AGE_GROUPS.length;
  // Windows of k years ending at e: deaths of years e − k + 1 … e; person-years are the
  // average of consecutive year-ends, so the year-end e − k counts half and e half.
  const groups: UnitLifeTable[] = [];
  for (const s of series ?? (await lifeTableSeries(engine, o.source, o.levels))) {
    for (let e = o.firstYear + k - 1; e <= o.lastYear; e++) {
      let any = false;
      const deaths = new Array<number>(n).fill(0);
      const personYears = new Array<number>(n).fill(0);
      for (let y = e - k; y <= e; y++) {
        const cells = s.years.get(y);
        if (!cells) continue;
        any = true;
        const w = (y > e - k ? 0.5 : 0) + (y < e ? 0.5 : 0);
        for (let i = 0; i < n; i++) {
          if (y > e - k) deaths[i]! += cells.d[i]!;
          personYears[i]! += cells.p[i]! * w;
        }
      }
      if (any) groups.push({ level: s.level, unit_code: s.unit_code, end_year: e, sex: s.sex, deaths, personYears, table: null });
    }
  }
  for (const g of groups) {
    g.table = lifeTable({ ages: LIFE_TABLE_AGES, deaths: g.deaths, population: g.personYears, sex: g.sex, method: o.method });
  }
  return groups;
}
