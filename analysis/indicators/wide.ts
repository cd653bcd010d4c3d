import { sqlString } from '../engine/engine.js';
import { A0_TABLE_OF, type DataElement } from '../model/data-elements.js';
import { CELL_COLUMNS, DERIVED_COLUMNS, type CellColumn } from './columns.js';
import { partialBreakdownsSql } from './cube/mis.js';
import { CUBE_TABLE, SINGLE_AGE_ELEMENT, type CubeSource } from './cube/schema.js';

export const WIDE_TABLE = '_ind_wide';

export type PeriodType = 'year' | 'quarter' | 'month';
/** Periods per year. */
export const PERIODS_PER_YEAR: Record<PeriodType, number> = { year: 1, quarter: 4, month: 12 };

/**
 * A period as one integer, so the year-based SQL below runs unchanged on quarters and
 * months: the year itself, year × 4 + quarter − 1, or year × 12 + month − 1.
 */
export function periodOrdinalSql(pt: PeriodType): string {
  if (pt === 'quarter') return `(year * 4 + CAST(right(period, 1) AS INTEGER) - 1)`;
  if (pt === 'month') return `(year * 12 + CAST(right(period, 2) AS INTEGER) - 1)`;
  return 'year';
}

/** The label of an ordinal: '2024', '2024-Q2', '2024-05' (as the cube writes them). */
function periodLabelSql(pt: PeriodType, e: string): string {
  if (pt === 'quarter') return `CAST(${e} // 4 AS VARCHAR) || '-Q' || CAST(${e} % 4 + 1 AS VARCHAR)`;
  if (pt === 'month') return `CAST(${e} // 12 AS VARCHAR) || '-' || lpad(CAST(${e} % 12 + 1 AS VARCHAR), 2, '0')`;
  return `CAST(${e} AS VARCHAR)`;
}
export const POOLED_TABLE = '_ind_pooled';

/** Whether the source has this element at this breakdown in a period, in any commune. */
function reported(c: CellColumn): string {
  const hasSex = c.sex !== 'T';
  const hasAge = c.ages !== 'total';
  return `bool_or(element = ${sqlString(c.element)} AND (sex <> 'T') = ${hasSex} AND (age_group <> 'total') = ${hasAge})`;
}

/**
 * Whether the export has any of the column's age groups for its element and sex in a period,
 * in any commune: population of women 15–49 by age is no population 60+ (counted 0 before).
 */
function agesReported(c: CellColumn): string {
  if (c.ages === 'total') return 'true';
  return `bool_or(element = ${sqlString(c.element)} AND sex = ${sqlString(c.sex)} AND age_group IN (${c.ages.map(sqlString).join(', ')}))`;
}

/** Availability of every cell column per level, unit and period (MIS): see availabilitySql. */
export const UNIT_AVAILABILITY_TABLE = '_ind_avl';
/** A commune's province as the cube's roll-up has it: unit_code, province_code (compute.ts fills it). */
export const COMMUNE_PROVINCE_TABLE = '_ind_cprov';

/**
 * The columns a period has (`_ind_av`) and, for MIS, each unit's (`_ind_avl`). A0 has every
 * element of an imported table for every unit and year it was built for (a register without
 * births gives no births, not 0). MIS has a column in a period when some commune reports the
 * element at that breakdown, with one of its age groups; a commune has it when it has any
 * figure that period (a long export leaves out zero counts, so a commune's missing cell is
 * 0, but a commune left out of a year is not computable), and a province when every commune
 * that has figures in some period has figures in this one (a province total short of a
 * commune is no total). Depends on the cube, the source, the levels and the period type.
 */
export function availabilitySql(source: CubeSource, firstYear: number, lastYear: number, pt: PeriodType = 'year'): string[] {
  const src = sqlString(source);
  const ord = periodOrdinalSql(pt);
  const cur = CELL_COLUMNS.filter((c) => c.at === 'cur');
  if (source === 'a0') {
    const tableOf = (c: CellColumn) => A0_TABLE_OF[c.element as DataElement];
    const tables = [...new Set(cur.map(tableOf))];
    const present = tables
      .map((t) => `coalesce(bool_or(${cur.filter((c) => tableOf(c) === t).map((c) => `${c.name} IS NOT NULL`).join(' OR ')}), false) AS t_${t}`)
      .join(', ');
    // Quarters and months: a table's flows by sex (all a sub-annual indicator reads) are there
    // when the table is; its stocks and age groups never are, so those stay unavailable.
    const has = (c: CellColumn) => (pt === 'year' || c.ages === 'total' ? `p.t_${tableOf(c)}` : 'false');
    return [
      `CREATE OR REPLACE TEMP TABLE _ind_av AS SELECT y AS year, ${cur.map((c) => `${has(c)} AS ${c.name}`).join(', ')}
        FROM range(${firstYear - 1}, ${lastYear + 1}) t(y), (SELECT ${present} FROM _ind_raw) p
        WHERE y BETWEEN (SELECT min(year) FROM _ind_raw) AND (SELECT max(year) FROM _ind_raw)`,
    ];
  }
  const cubeRows = `FROM ${CUBE_TABLE} WHERE source = ${src} AND period_type = '${pt}' AND level = 'commune'`;
  // A commune that has some of an element in a period but not at a breakdown other communes
  // give whole (a year whose quarters gave births by age in Q1–Q2 only): its cells there are
  // not 0 but unknown, and so are its province's. Any sex and age group counts (a long export
  // leaves out the zero ones: no male deaths), and a partial breakdown (one that somewhere adds
  // up to less than its total: infant deaths as the only deaths by age) is never missing.
  const lacking = cur.filter((c) => c.sex !== 'T' || c.ages !== 'total');
  const kind = (c: CellColumn) => `sex ${c.sex !== 'T' ? "<> 'T'" : "= 'T'"} AND age_group ${c.ages !== 'total' ? "<> 'total'" : "= 'total'"}`;
  const whole = (c: CellColumn) =>
    `NOT EXISTS (SELECT 1 FROM _ind_avp p WHERE p.element = ${sqlString(c.element)} AND p.hs = ${c.sex !== 'T'} AND p.ha = ${c.ages !== 'total'})`;
  const lacksSql = lacking
    .map(
      (c) =>
        `coalesce(bool_or(element = ${sqlString(c.element)} AND sex = 'T' AND age_group = 'total' AND value <> 0), false)
         AND NOT coalesce(bool_or(element = ${sqlString(c.element)} AND ${kind(c)}), false) AND ${whole(c)} AS ${c.name}`,
    )
    .join(', ');
  // `lack`: the elements a unit has by quarter or month only in a year, which gave no year
  // (persons checked, a part year beside other elements' annual rows): not 0 but unknown;
  // `lacks`: the columns of `lacking` it has not (above).
  const cols = (alias: string, ok: string, lacks: string) =>
    cur
      .map((c) => {
        const broken = lacking.includes(c) ? ` AND NOT coalesce(${lacks}.${c.name}, false)` : '';
        return `${alias}.${c.name} AND ${ok} AND NOT coalesce(list_contains(lack, ${sqlString(c.element)}), false)${broken} AS ${c.name}`;
      })
      .join(', ');
  const partialSql = `CREATE OR REPLACE TEMP TABLE _ind_avp AS ${partialBreakdownsSql(`(SELECT * ${cubeRows})`, 'unit_code')}`;
  const subAnnualOnly =
    pt === 'year'
      ? `SELECT unit_code, year, list(DISTINCT element) AS lack FROM ${CUBE_TABLE} s
         WHERE source = ${src} AND level = 'commune' AND period_type <> 'year'
           AND NOT EXISTS (SELECT 1 FROM ${CUBE_TABLE} y WHERE y.source = ${src} AND y.level = 'commune' AND y.period_type = 'year'
             AND y.unit_code = s.unit_code AND y.year = s.year AND y.element = s.element)
         GROUP BY 1, 2`
      : `SELECT NULL::VARCHAR AS unit_code, NULL::INTEGER AS year, NULL::VARCHAR[] AS lack WHERE false`;
  return [
    `CREATE OR REPLACE TEMP TABLE _ind_av AS SELECT ${ord} AS year, ${cur.map((c) => `${reported(c)} AND ${agesReported(c)} AS ${c.name}`).join(', ')}
      ${cubeRows} GROUP BY 1`,
    `CREATE OR REPLACE TEMP TABLE _ind_avu AS SELECT DISTINCT unit_code, ${ord} AS year ${cubeRows}`,
    `CREATE OR REPLACE TEMP TABLE _ind_avx AS ${subAnnualOnly}`,
    partialSql,
    `CREATE OR REPLACE TEMP TABLE _ind_avk AS SELECT unit_code, ${ord} AS year${lacking.length ? `, ${lacksSql}` : ''} ${cubeRows} GROUP BY 1, 2`,
    `CREATE OR REPLACE TEMP TABLE ${UNIT_AVAILABILITY_TABLE} AS
      SELECT 'commune' AS level, u.unit_code, a.year, ${cols('a', 'true', 'k')}
      FROM _ind_avu u JOIN _ind_av a USING (year) LEFT JOIN _ind_avx x ON x.unit_code = u.unit_code AND x.year = a.year
      LEFT JOIN _ind_avk k ON k.unit_code = u.unit_code AND k.year = a.year
      UNION ALL
      SELECT 'province', f.province_code, a.year, ${cols('a', 'f.full', 'f')}
      FROM (
        SELECT p.province_code, t.year, count(u.unit_code) = count(*) AS full, flatten(list(x.lack) FILTER (WHERE x.lack IS NOT NULL)) AS lack
          ${lacking.map((c) => `, bool_or(k.${c.name}) AS ${c.name}`).join('')}
        FROM ${COMMUNE_PROVINCE_TABLE} p CROSS JOIN (SELECT year FROM _ind_av) t
        LEFT JOIN _ind_avu u ON u.unit_code = p.unit_code AND u.year = t.year
        LEFT JOIN _ind_avx x ON x.unit_code = p.unit_code AND x.year = t.year
        LEFT JOIN _ind_avk k ON k.unit_code = p.unit_code AND k.year = t.year
        GROUP BY p.province_code, t.year) f
      JOIN _ind_av a USING (year)`,
  ];
}

/**
 * The cube's cells of a period type summed into the columns they add to, one row per unit
 * and period that has any (`_ind_raw`), and the units (`_ind_units`). Depends on the cube,
 * the source, the period type and the levels only: recomputations reuse it (cube-derived.ts).
 */
export function pivotSql(source: CubeSource, levels: string[], pt: PeriodType = 'year'): string[] {
  const src = sqlString(source);
  const lv = levels.map(sqlString).join(', ');
  const ord = periodOrdinalSql(pt);
  // Each cube cell → the columns it adds to (a small join), then one pivot over the matches:
  // a hundred FILTER predicates on every cube row cost most of a recomputation.
  const cur = CELL_COLUMNS.filter((c) => c.at === 'cur');
  const map = cur
    .flatMap((c) => (c.ages === 'total' ? ['total'] : c.ages).map((a) => `(${sqlString(c.element)}, ${sqlString(c.sex)}, ${sqlString(a)}, ${sqlString(c.name)})`))
    .join(', ');
  const raw = cur.map((c) => `sum(v) FILTER (WHERE col = ${sqlString(c.name)}) AS ${c.name}`).join(',\n       ');
  return [
    // The same for every computation: made once per connection.
    `CREATE TEMP TABLE IF NOT EXISTS _ind_map AS SELECT * FROM (VALUES ${map}) m(element, sex, age_group, col)`,
    // LEFT JOIN: a unit-year with no mapped cell still gets its row (all NULL), as before.
    `CREATE OR REPLACE TEMP TABLE _ind_raw AS
      WITH hit AS (
        SELECT c.level, c.unit_code, any_value(c.unit_name) AS unit_name, ${ord} AS year, m.col, sum(c.value) AS v
        FROM ${CUBE_TABLE} c LEFT JOIN _ind_map m ON m.element = c.element AND m.sex = c.sex AND m.age_group = c.age_group
        WHERE c.source = ${src} AND c.period_type = '${pt}' AND c.level IN (${lv}) AND c.element <> '${SINGLE_AGE_ELEMENT}'
        GROUP BY c.level, c.unit_code, ${ord}, m.col)
      SELECT level, unit_code, any_value(unit_name) AS unit_name, year, ${raw}
      FROM hit GROUP BY level, unit_code, year`,
    `CREATE OR REPLACE TEMP TABLE _ind_units AS SELECT level, unit_code, any_value(unit_name) AS unit_name FROM _ind_raw
      GROUP BY level, unit_code`,
  ];
}

/**
 * One row per unit × year with every cell column, from pivotSql's tables. A cell is 0 when
 * the unit has the column but no count in it (no births to mothers 45–49), and NULL when it
 * does not have it: then indicators that need it are `not_computable`. A0 has every element
 * of an imported table for every unit and year it was built for (and none of a table not
 * imported); MIS what each commune reports (availabilitySql, run before). With quarters
 * or months, `year` holds the period's ordinal (periodOrdinalSql); the cube has only flows by
 * sex there, so stocks and age groups are NULL and the indicators that need them not computable.
 */
export function wideSql(source: CubeSource, firstYear: number, lastYear: number): string[] {
  // A0: per period, for every unit alike; MIS: per unit and period (availabilitySql).
  const av = (alias: string, year: string) =>
    source === 'a0'
      ? `LEFT JOIN _ind_av ${alias} ON ${alias}.year = ${year}`
      : `LEFT JOIN ${UNIT_AVAILABILITY_TABLE} ${alias} ON ${alias}.level = u.level AND ${alias}.unit_code = u.unit_code AND ${alias}.year = ${year}`;
  const pick = (c: CellColumn) => {
    const base = CELL_COLUMNS.find((x) => x.at === 'cur' && x.element === c.element && x.sex === c.sex && JSON.stringify(x.ages) === JSON.stringify(c.ages));
    const name = base?.name ?? c.name;
    return c.at === 'cur'
      ? `CASE WHEN a.${name} THEN coalesce(r.${name}, 0) END AS ${c.name}`
      : `CASE WHEN ap.${name} THEN coalesce(rp.${name}, 0) END AS ${c.name}`;
  };
  const derived = DERIVED_COLUMNS.map((d) => `${d.sql} AS ${d.name}`).join(', ');
  // Separate statements: one CTE chain of this width takes DuckDB seconds to plan.
  return [
    `CREATE OR REPLACE TEMP TABLE ${WIDE_TABLE} AS SELECT *, ${derived} FROM (
      SELECT u.level, u.unit_code, u.unit_name, y AS year, ${CELL_COLUMNS.map(pick).join(', ')}
      FROM _ind_units u CROSS JOIN range(${firstYear}, ${lastYear + 1}) t(y)
      LEFT JOIN _ind_raw r ON r.level = u.level AND r.unit_code = u.unit_code AND r.year = y
      LEFT JOIN _ind_raw rp ON rp.level = u.level AND rp.unit_code = u.unit_code AND rp.year = y - 1
      ${av('a', 'y')}
      ${av('ap', 'y - 1')})`,
  ];
}

/**
 * Windows of k consecutive years ending at each year: every column is summed (numerators,
 * denominators and person-years alike); a window with a missing year gives NULL.
 * pop_last is the population at the end of the window.
 */
export function pooledSql(k: number, firstYear: number, lastYear: number, pt: PeriodType = 'year'): string {
  const cols = [...CELL_COLUMNS.map((c) => c.name), ...DERIVED_COLUMNS.map((d) => d.name)];
  const sums = cols.map((c) => `CASE WHEN count(w.${c}) = ${k} THEN sum(w.${c}) END AS ${c}`).join(', ');
  if (k === 1) {
    // One-year windows are the years themselves: no join and no grouping.
    return `CREATE OR REPLACE TEMP TABLE ${POOLED_TABLE} AS
      SELECT level, unit_code, unit_name, year AS end_year, ${periodLabelSql(pt, 'year')} AS period, 1 AS k, pop_end AS pop_last,
        ${cols.join(', ')}
      FROM ${WIDE_TABLE} WHERE year BETWEEN ${firstYear} AND ${lastYear}`;
  }
  const label = `${periodLabelSql(pt, `(e - ${k - 1})`)} || '-' || ${periodLabelSql(pt, 'e')}`;
  return `CREATE OR REPLACE TEMP TABLE ${POOLED_TABLE} AS
    SELECT w.level, w.unit_code, any_value(w.unit_name) AS unit_name, e AS end_year, ${label} AS period, ${k} AS k,
      max(w.pop_end) FILTER (WHERE w.year = e) AS pop_last, ${sums}
    FROM ${WIDE_TABLE} w JOIN range(${firstYear + k - 1}, ${lastYear + 1}) t(e) ON w.year BETWEEN e - ${k - 1} AND e
    GROUP BY w.level, w.unit_code, e`;
}
