import { DATA_ELEMENTS } from '../../model/data-elements.js';
import { sqlString } from '../../engine/engine.js';

/**
 * SQL that turns the `mis` table into `_cube_cells` at commune level.
 * 1. Marginals, period by period: a total the export states wins; otherwise it is summed from
 *    the finest breakdown the export has that period (sex × age, sex, or age), so every
 *    period has every cell its breakdown allows.
 * 2. Years: an annual row wins; otherwise flows sum the quarters (or months) of the year
 *    when the commune's year is complete (it has rows in all four quarters, or all twelve
 *    months: a part year is no year, Q1–Q2 summed read as half the births), and stocks take
 *    the fourth quarter (or December). Persons checked (elderly_checked) are never summed:
 *    one person checked in two quarters is one person in the year. A breakdown (by sex, by
 *    age) makes the year's only when every quarter with any of the element has it: boys and
 *    girls of Q1–Q2 beside Q3–Q4's totals are no year's sex ratio. A partial breakdown (one
 *    that anywhere in the export adds up to less than its total: infant deaths as the only
 *    deaths by age) is summed as it is, a quarter without it having none. The year's total
 *    sums every quarter's, stated or summed from its breakdown.
 */
/**
 * The breakdowns (element; hs: by sex, ha: by age) that somewhere in `rows` (a table of `unit`,
 * period, element, sex, age_group, value with every marginal) add up to less, or more, than
 * their total: partial ones, such as infant deaths as the only deaths by age, whose absence
 * is 0 rather than unknown. Shared by the cube's years (here) and the availability (wide.ts).
 */
export function partialBreakdownsSql(rows: string, unit: string): string {
  return `WITH k AS (
      SELECT ${unit} AS unit, period, element, sex <> 'T' AS hs, age_group <> 'total' AS ha, sum(value) AS s
      FROM ${rows} WHERE sex <> 'T' OR age_group <> 'total' GROUP BY ALL),
    t AS (SELECT ${unit} AS unit, period, element, value FROM ${rows} WHERE sex = 'T' AND age_group = 'total')
    SELECT DISTINCT k.element, k.hs, k.ha FROM k JOIN t USING (unit, period, element) WHERE abs(k.s - t.value) > 0.5`;
}

export function misCellsSql(): string[] {
  const kinds = Object.entries(DATA_ELEMENTS)
    .map(([e, k]) => `(${sqlString(e)}, ${sqlString(k)})`)
    .join(', ');
  const key = 'commune_code, period, period_type, year, element';
  const ckey = 'commune_code, year, element';
  return [
    `CREATE OR REPLACE TEMP TABLE _mis0 AS
     WITH src AS (
       SELECT ${key}, coalesce(sex, 'T') AS sex, coalesce(age_group, 'total') AS age_group, sum(value) AS value
       FROM mis WHERE value IS NOT NULL AND commune_code IS NOT NULL AND element IS NOT NULL GROUP BY ALL),
     b AS (SELECT *, sex <> 'T' AS hs, age_group <> 'total' AS ha FROM src),
     cand AS (
       SELECT ${key}, sex, age_group, value, 0 AS prio FROM b
       UNION ALL SELECT ${key}, sex, 'total', sum(value), 1 FROM b WHERE hs AND ha GROUP BY ALL
       UNION ALL SELECT ${key}, 'T', age_group, sum(value), 1 FROM b WHERE hs AND ha GROUP BY ALL
       UNION ALL SELECT ${key}, 'T', 'total', sum(value), 1 FROM b WHERE hs AND NOT ha GROUP BY ALL
       UNION ALL SELECT ${key}, 'T', 'total', sum(value), 2 FROM b WHERE NOT hs AND ha GROUP BY ALL
       UNION ALL SELECT ${key}, 'T', 'total', sum(value), 3 FROM b WHERE hs AND ha GROUP BY ALL)
     SELECT ${key}, sex, age_group, value, prio = 0 AS stated
     FROM cand QUALIFY row_number() OVER (PARTITION BY ${key}, sex, age_group ORDER BY prio) = 1`,
    `CREATE OR REPLACE TEMP TABLE _cube_cells AS
     WITH kinds(element, kind) AS (VALUES ${kinds}),
     -- The sub-annual periods that cover a commune's year: its four quarters, else its twelve
     -- months, with any element (an export may leave out a period's zero counts, not the
     -- whole period). A year given in part has none: no year is made of it.
     cover AS (
       SELECT commune_code, year,
         CASE WHEN count(DISTINCT period) FILTER (WHERE period_type = 'quarter') = 4 THEN 'quarter'
              WHEN count(DISTINCT period) FILTER (WHERE period_type = 'month') = 12 THEN 'month' END AS use
       FROM _mis0 WHERE period_type <> 'year' GROUP BY ALL),
     annual AS (SELECT DISTINCT ${ckey} FROM _mis0 WHERE period_type = 'year'),
     -- The periods a flow's year is summed from.
     used AS (
       SELECT r.* FROM _mis0 r JOIN cover c ON c.commune_code = r.commune_code AND c.year = r.year AND r.period_type = c.use
       LEFT JOIN kinds k ON k.element = r.element
       WHERE coalesce(k.kind, 'flow') = 'flow' AND r.element <> 'elderly_checked'
         AND NOT EXISTS (SELECT 1 FROM annual a WHERE a.commune_code = r.commune_code AND a.year = r.year AND a.element = r.element)),
     -- Breakdowns that somewhere add up to less (or more) than their total: their absence is 0.
     partial AS (${partialBreakdownsSql('_mis0', 'commune_code')}),
     -- Periods with any of the element, and how many of them have each breakdown.
     need AS (SELECT ${ckey}, count(*) AS n FROM used WHERE sex = 'T' AND age_group = 'total' AND value <> 0 GROUP BY ALL),
     have AS (
       SELECT u.commune_code, u.year, u.element, u.sex <> 'T' AS hs, u.age_group <> 'total' AS ha, count(DISTINCT u.period) AS n
       FROM used u SEMI JOIN (SELECT ${key} FROM used WHERE sex = 'T' AND age_group = 'total' AND value <> 0) t
         ON t.commune_code = u.commune_code AND t.period = u.period AND t.element = u.element
       GROUP BY ALL)
     SELECT commune_code, CAST(NULL AS VARCHAR) AS village, period, period_type, year, element, sex, age_group, value FROM _mis0
     UNION ALL
     SELECT u.commune_code, NULL, CAST(u.year AS VARCHAR), 'year', u.year, u.element, u.sex, u.age_group, sum(u.value)
     FROM used u
     LEFT JOIN need d ON d.commune_code = u.commune_code AND d.year = u.year AND d.element = u.element
     LEFT JOIN have h ON h.commune_code = u.commune_code AND h.year = u.year AND h.element = u.element
       AND h.hs = (u.sex <> 'T') AND h.ha = (u.age_group <> 'total')
     LEFT JOIN partial p ON p.element = u.element AND p.hs = (u.sex <> 'T') AND p.ha = (u.age_group <> 'total')
     WHERE (u.sex = 'T' AND u.age_group = 'total') OR d.n IS NULL OR h.n = d.n OR p.element IS NOT NULL
     GROUP BY u.commune_code, u.year, u.element, u.sex, u.age_group
     UNION ALL
     -- A stock at the year's end: its fourth quarter (else December), whatever the other
     -- periods; a figure the export states before one summed from its breakdown.
     SELECT r.commune_code, NULL, CAST(r.year AS VARCHAR), 'year', r.year, r.element, r.sex, r.age_group,
       arg_max(r.value, 2 * r.stated::INTEGER + (r.period_type = 'quarter')::INTEGER)
     FROM _mis0 r JOIN kinds k ON k.element = r.element
     WHERE k.kind = 'stock' AND r.period_type <> 'year' AND right(r.period, 2) IN ('Q4', '12')
       AND NOT EXISTS (SELECT 1 FROM annual a WHERE a.commune_code = r.commune_code AND a.year = r.year AND a.element = r.element)
     GROUP BY r.commune_code, r.year, r.element, r.sex, r.age_group`,
    `DROP TABLE IF EXISTS _mis0`,
  ];
}
