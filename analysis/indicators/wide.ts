import { sqlString } from '../engine/engine.js';
import { A0_TABLE_OF, type DataElement } from '../model/data-elements.js';
import { CELL_COLUMNS, DERIVED_COLUMNS, type CellColumn } from './columns.js';
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

/** Whether a commune's cells include this element at this breakdown (MIS exports may lack some). */
function reported(c: CellColumn): string {
  const hasSex = c.sex !== 'T';
  const hasAge = c.ages !== 'total';
  return `bool_or(element = ${sqlString(c.element)} AND (sex <> 'T') = ${hasSex} AND (age_group <> 'total') = ${hasAge})`;
}

/**
 * Whether the export has any of the column's age groups for its element and sex in a period,
 * in any commune: population of women 15–49 by age is no population 60+ (counted 0 before).
 * Not per commune: a long export may leave out a commune's empty age groups.
 */
function agesReported(c: CellColumn): string {
  if (c.ages === 'total') return 'true';
  return `bool_or(element = ${sqlString(c.element)} AND sex = ${sqlString(c.sex)} AND age_group IN (${c.ages.map(sqlString).join(', ')}))`;
}

/** Availability of every cell column per level, unit and period (MIS): see misAvailabilitySql. */
export const UNIT_AVAILABILITY_TABLE = '_ind_avl';
/** A commune's province as the cube's roll-up has it: unit_code, province_code (compute.ts fills it). */
export const COMMUNE_PROVINCE_TABLE = '_ind_cprov';

/**
 * MIS availability per unit and period (`_ind_avl`), and per period for any unit (`_ind_av`):
 * a commune has a column when it reports the element at that breakdown (a commune left out
 * of a year, or an element it lacks, is not computable rather than 0); a province when every
 * one of its communes that reports the column in some period reports it in this one (a
 * province total short of a commune is no province total). Either also needs the export to
 * have the column's age groups in that period (agesReported).
 */
function misAvailabilitySql(src: string, pt: PeriodType, firstYear: number, lastYear: number): string[] {
  const ord = periodOrdinalSql(pt);
  const cur = CELL_COLUMNS.filter((c) => c.at === 'cur');
  const cubeRows = `FROM ${CUBE_TABLE} WHERE source = ${src} AND period_type = '${pt}' AND level = 'commune'`;
  return [
    `CREATE OR REPLACE TEMP TABLE _ind_avu AS SELECT unit_code, ${ord} AS year, ${cur.map((c) => `${reported(c)} AS ${c.name}`).join(', ')}
      ${cubeRows} GROUP BY ALL`,
    `CREATE OR REPLACE TEMP TABLE _ind_avy AS SELECT ${ord} AS year, ${cur.map((c) => `${agesReported(c)} AS ${c.name}`).join(', ')}
      ${cubeRows} GROUP BY ALL`,
    `CREATE OR REPLACE TEMP TABLE _ind_av AS SELECT u.year, ${cur.map((c) => `bool_or(u.${c.name}) AND any_value(y.${c.name}) AS ${c.name}`).join(', ')}
      FROM _ind_avu u JOIN _ind_avy y USING (year) GROUP BY u.year`,
    `CREATE OR REPLACE TEMP TABLE ${UNIT_AVAILABILITY_TABLE} AS
      SELECT 'commune' AS level, u.unit_code, u.year, ${cur.map((c) => `u.${c.name} AND y.${c.name} AS ${c.name}`).join(', ')}
      FROM _ind_avu u JOIN _ind_avy y USING (year)
      UNION ALL
      SELECT 'province', p.province_code, t.y, ${cur
        .map((c) => `coalesce(bool_and(coalesce(u.${c.name}, false)) FILTER (WHERE e.${c.name}), false) AND coalesce(any_value(y.${c.name}), false)`)
        .join(', ')}
      FROM (SELECT unit_code, ${cur.map((c) => `bool_or(${c.name}) AS ${c.name}`).join(', ')} FROM _ind_avu GROUP BY unit_code) e
      JOIN ${COMMUNE_PROVINCE_TABLE} p USING (unit_code)
      CROSS JOIN (SELECT DISTINCT year AS y FROM _ind_avu UNION SELECT * FROM range(${firstYear - 1}, ${lastYear + 1})) t
      LEFT JOIN _ind_avu u ON u.unit_code = e.unit_code AND u.year = t.y
      LEFT JOIN _ind_avy y ON y.year = t.y
      GROUP BY p.province_code, t.y`,
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
 * imported); MIS what each commune reports (misAvailabilitySql). With quarters
 * or months, `year` holds the period's ordinal (periodOrdinalSql); the cube has only flows by
 * sex there, so stocks and age groups are NULL and the indicators that need them not computable.
 */
export function wideSql(source: CubeSource, firstYear: number, lastYear: number, pt: PeriodType = 'year'): string[] {
  const src = sqlString(source);
  const years = `range(${firstYear - 1}, ${lastYear + 1})`;
  const cur = CELL_COLUMNS.filter((c) => c.at === 'cur');
  // A0 has every breakdown of an element whose table was imported: present when any element
  // of that table appears in the cube (a register without births gives no births, not 0).
  const tableOf = (c: CellColumn) => A0_TABLE_OF[c.element as DataElement];
  const tables = [...new Set(cur.map(tableOf))];
  const present = tables
    .map((t) => `coalesce(bool_or(${cur.filter((c) => tableOf(c) === t).map((c) => `${c.name} IS NOT NULL`).join(' OR ')}), false) AS t_${t}`)
    .join(', ');
  // Quarters and months: a table's flows by sex (all a sub-annual indicator reads) are there
  // when the table is; its stocks and age groups never are, so those stay unavailable.
  const a0Has = (c: CellColumn) => (pt === 'year' || c.ages === 'total' ? `p.t_${tableOf(c)}` : 'false');
  const availability =
    source === 'a0'
      ? [
          `CREATE OR REPLACE TEMP TABLE _ind_av AS SELECT y AS year, ${cur.map((c) => `${a0Has(c)} AS ${c.name}`).join(', ')}
            FROM ${years} t(y), (SELECT ${present} FROM _ind_raw) p
            WHERE y BETWEEN (SELECT min(year) FROM _ind_raw) AND (SELECT max(year) FROM _ind_raw)`,
        ]
      : misAvailabilitySql(src, pt, firstYear, lastYear);
  // A0: per period, for every unit alike; MIS: per unit and period.
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
    ...availability,
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
