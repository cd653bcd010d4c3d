import { DATA_ELEMENTS } from '../../model/data-elements.js';
import { sqlString } from '../../engine/engine.js';

/**
 * SQL that turns the `mis` table into `_cube_cells` at commune level.
 * 1. Years: an annual row wins; otherwise flows sum the quarters (or months) of the year
 *    and stocks take the last one, only when the year is complete: every quarter (month) of
 *    a flow, the last quarter (December) of a stock. A part year is no year (Q1–Q2 summed
 *    read as half the births). Persons checked (elderly_checked) are never summed: one
 *    person checked in two quarters is one person in the year.
 * 2. Marginals: a total the export states wins; otherwise it is summed from the finest
 *    breakdown the export has (sex × age, sex, or age), so both paths give every cell.
 */
export function misCellsSql(): string[] {
  const kinds = Object.entries(DATA_ELEMENTS)
    .map(([e, k]) => `(${sqlString(e)}, ${sqlString(k)})`)
    .join(', ');
  const key = 'commune_code, period, period_type, year, element';
  return [
    `CREATE OR REPLACE TEMP TABLE _mis0 AS
     SELECT commune_code, period, period_type, year, element, coalesce(sex, 'T') AS sex,
       coalesce(age_group, 'total') AS age_group, sum(value) AS value
     FROM mis WHERE value IS NOT NULL AND commune_code IS NOT NULL AND element IS NOT NULL GROUP BY ALL`,
    `CREATE OR REPLACE TEMP TABLE _mis1 AS
     WITH kinds(element, kind) AS (VALUES ${kinds}),
     ranked AS (
       SELECT m.*, CASE period_type WHEN 'year' THEN 0 WHEN 'quarter' THEN 1 ELSE 2 END AS pt,
         min(CASE period_type WHEN 'year' THEN 0 WHEN 'quarter' THEN 1 ELSE 2 END)
           OVER (PARTITION BY commune_code, year, element) AS best
       FROM _mis0 m),
     -- Commune × year × element whose quarters (months) cover the year: all of them for a flow,
     -- the last for a stock (periods read '2024-Q4', '2024-12').
     complete AS (
       SELECT m.commune_code, m.year, m.element FROM _mis0 m LEFT JOIN kinds k ON k.element = m.element
       WHERE m.period_type <> 'year' GROUP BY m.commune_code, m.year, m.element, m.period_type
       HAVING CASE WHEN any_value(k.kind) = 'stock' THEN bool_or(right(m.period, 2) IN ('Q4', '12'))
         ELSE count(DISTINCT m.period) = CASE m.period_type WHEN 'quarter' THEN 4 ELSE 12 END END)
     SELECT commune_code, period, period_type, year, element, sex, age_group, value FROM _mis0
     UNION ALL
     SELECT r.commune_code, CAST(r.year AS VARCHAR), 'year', r.year, r.element, r.sex, r.age_group,
       CASE WHEN any_value(k.kind) = 'stock' THEN arg_max(r.value, r.period) ELSE sum(r.value) END
     FROM ranked r LEFT JOIN kinds k ON k.element = r.element
     WHERE r.best > 0 AND r.pt = r.best AND r.element <> 'elderly_checked'
       AND (r.commune_code, r.year, r.element) IN (SELECT commune_code, year, element FROM complete)
     GROUP BY r.commune_code, r.year, r.element, r.sex, r.age_group`,
    `CREATE OR REPLACE TEMP TABLE _cube_cells AS
     WITH src AS (SELECT *, sex <> 'T' AS hs, age_group <> 'total' AS ha FROM _mis1),
     cand AS (
       SELECT ${key}, sex, age_group, value, 0 AS prio FROM src
       UNION ALL SELECT ${key}, sex, 'total', sum(value), 1 FROM src WHERE hs AND ha GROUP BY ALL
       UNION ALL SELECT ${key}, 'T', age_group, sum(value), 1 FROM src WHERE hs AND ha GROUP BY ALL
       UNION ALL SELECT ${key}, 'T', 'total', sum(value), 1 FROM src WHERE hs AND NOT ha GROUP BY ALL
       UNION ALL SELECT ${key}, 'T', 'total', sum(value), 2 FROM src WHERE NOT hs AND ha GROUP BY ALL
       UNION ALL SELECT ${key}, 'T', 'total', sum(value), 3 FROM src WHERE hs AND ha GROUP BY ALL)
     SELECT commune_code, CAST(NULL AS VARCHAR) AS village, period, period_type, year, element, sex, age_group, value
     FROM cand QUALIFY row_number() OVER (PARTITION BY ${key}, sex, age_group ORDER BY prio) = 1`,
    `DROP TABLE IF EXISTS _mis0`,
    `DROP TABLE IF EXISTS _mis1`,
  ];
}
