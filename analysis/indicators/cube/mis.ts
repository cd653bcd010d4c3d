import { DATA_ELEMENTS } from '../../model/data-elements.js';
import { sqlString } from '../../engine/engine.js';

/**
 * SQL that turns the `mis` table into `_cube_cells` at commune level.
 * 1. Years: an annual row wins; otherwise flows sum the quarters (or months) of the year
 *    when the commune's year is complete (it has rows in all four quarters, or all twelve
 *    months: a part year is no year, Q1–Q2 summed read as half the births), and stocks take
 *    the fourth quarter (or December). Persons checked (elderly_checked) are never summed:
 *    one person checked in two quarters is one person in the year.
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
     -- The sub-annual periods that cover a commune's year: its four quarters, else its twelve
     -- months, with any element (an export may leave out a period's zero counts, not the
     -- whole period). A year given in part has none: no year is made of it.
     cover AS (
       SELECT commune_code, year,
         CASE WHEN count(DISTINCT period) FILTER (WHERE period_type = 'quarter') = 4 THEN 'quarter'
              WHEN count(DISTINCT period) FILTER (WHERE period_type = 'month') = 12 THEN 'month' END AS use
       FROM _mis0 WHERE period_type <> 'year' GROUP BY ALL),
     annual AS (SELECT DISTINCT commune_code, year, element FROM _mis0 WHERE period_type = 'year')
     SELECT commune_code, period, period_type, year, element, sex, age_group, value FROM _mis0
     UNION ALL
     SELECT r.commune_code, CAST(r.year AS VARCHAR), 'year', r.year, r.element, r.sex, r.age_group, sum(r.value)
     FROM _mis0 r JOIN cover c ON c.commune_code = r.commune_code AND c.year = r.year AND r.period_type = c.use
     LEFT JOIN kinds k ON k.element = r.element
     WHERE coalesce(k.kind, 'flow') = 'flow' AND r.element <> 'elderly_checked'
       AND NOT EXISTS (SELECT 1 FROM annual a WHERE a.commune_code = r.commune_code AND a.year = r.year AND a.element = r.element)
     GROUP BY r.commune_code, r.year, r.element, r.sex, r.age_group
     UNION ALL
     -- A stock at the year's end: its fourth quarter (else December), whatever the other periods.
     SELECT r.commune_code, CAST(r.year AS VARCHAR), 'year', r.year, r.element, r.sex, r.age_group, arg_max(r.value, r.period_type)
     FROM _mis0 r JOIN kinds k ON k.element = r.element
     WHERE k.kind = 'stock' AND r.period_type <> 'year' AND right(r.period, 2) IN ('Q4', '12')
       AND NOT EXISTS (SELECT 1 FROM annual a WHERE a.commune_code = r.commune_code AND a.year = r.year AND a.element = r.element)
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
