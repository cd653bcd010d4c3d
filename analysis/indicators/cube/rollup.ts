import { CUBE_TABLE, VILLAGE_SEPARATOR, type CubeSource } from './schema.js';
import { sqlString } from '../../engine/engine.js';

const KEY = 'period, period_type, year, element, sex, age_group';

/** A0 detail (finest sex × age) → `_cube_cells` with every marginal (sex 'T', age 'total'). */
export function marginalsSql(): string[] {
  const g = 'commune_code, village, period, period_type, year, element';
  return [
    // A rolled-up dimension whose detail was already a total (sex 'T', age 'total') would
    // repeat a row of another grouping set: HAVING drops it instead of a second GROUP BY
    // (bool_and rather than min = max = 'T': 0.4 s less on 1M detail rows in duckdb-wasm).
    // The detail rows are unique per key (each statement of a0DetailSql groups by its whole
    // key, elements differ between statements), so the finest set is the detail itself.
    `CREATE OR REPLACE TEMP TABLE _cube_cells AS
     SELECT ${g}, sex, age_group, value FROM _cube_detail
     UNION ALL
     SELECT ${g}, CASE WHEN grouping(sex) = 1 THEN 'T' ELSE sex END AS sex,
       CASE WHEN grouping(age_group) = 1 THEN 'total' ELSE age_group END AS age_group, sum(value) AS value
     FROM _cube_detail
     GROUP BY GROUPING SETS ((${g}, sex), (${g}, age_group), (${g}))
     HAVING NOT (grouping(sex) = 1 AND bool_and(sex = 'T'))
        AND NOT (grouping(age_group) = 1 AND bool_and(age_group = 'total'))`,
    `DROP TABLE IF EXISTS _cube_detail`,
  ];
}

/**
 * Commune and province rows are inserted sorted by period type and element so that the
 * indicator queries, which read annual rows of a few elements, skip most row groups by their
 * min/max statistics. Village rows, read only by village-level requests, are not sorted (the
 * sort cost 0.4 s of a 5M-person cube); inserted as one block before the commune rows,
 * all but the row groups at its two ends hold village rows only, which the level filter skips.
 * `_cube_cells` (commune, village) → the cube at village, commune and province level.
 * Needs `_units(commune_code, commune_name, province_code, province_name)`. Sums only:
 * a roll-up adds numerators and denominators, never rates. Cells are already unique per
 * commune × village × key, so the village level is a projection.
 */
export function levelsSql(source: CubeSource, communeCells = false, villagesOnly = false): string[] {
  const src = sqlString(source);
  // Village rows added to a cube whose commune and province rows are already built from the
  // same tables and years: those are the same with or without villages, so they stay.
  if (villagesOnly) return [`DELETE FROM ${CUBE_TABLE} WHERE source = ${src} AND level = 'village'`, villageRowsSql(src), `DROP TABLE IF EXISTS _cube_cells`];
  return [
    `DELETE FROM ${CUBE_TABLE} WHERE source = ${src}`,
    villageRowsSql(src),
    communeRowsSql(src, communeCells),
    provinceRowsSql(src, `_cube_cells c LEFT JOIN _units u USING (commune_code)`),
    `DROP TABLE IF EXISTS _cube_cells`,
  ];
}

/**
 * levelsSql for `_cube_cells` of some communes only (update.ts): their village and commune
 * rows replace theirs, and the province rows are summed again from every commune's rows,
 * which is what summing every commune's cells gives.
 */
export function communesLevelsSql(source: CubeSource, communes: readonly string[], communeCells: boolean): string[] {
  const src = sqlString(source);
  const list = communes.map(sqlString).join(', ');
  return [
    `DELETE FROM ${CUBE_TABLE} WHERE source = ${src} AND (level = 'province'
       OR (level = 'commune' AND unit_code IN (${list}))
       OR (level = 'village' AND split_part(unit_code, ${sqlString(VILLAGE_SEPARATOR)}, 1) IN (${list})))`,
    villageRowsSql(src),
    communeRowsSql(src, communeCells),
    provinceRowsSql(src, `${CUBE_TABLE} c LEFT JOIN _units u ON u.commune_code = c.unit_code WHERE c.source = ${src} AND c.level = 'commune'`),
    `DROP TABLE IF EXISTS _cube_cells`,
  ];
}

function villageRowsSql(src: string): string {
  return `INSERT INTO ${CUBE_TABLE}
     SELECT ${src}, 'village', commune_code || ${sqlString(VILLAGE_SEPARATOR)} || village, village, ${KEY}, value
     FROM _cube_cells WHERE village IS NOT NULL`;
}

/**
 * `communeCells`: the cells are already one per commune × key (an A0 build without villages,
 * whose village is NULL throughout): the commune rows are a projection, not a grouping.
 */
function communeRowsSql(src: string, communeCells: boolean): string {
  return communeCells
    ? `INSERT INTO ${CUBE_TABLE} SELECT ${src}, 'commune', c.commune_code, coalesce(u.commune_name, c.commune_code), ${KEY}, value
       FROM _cube_cells c LEFT JOIN _units u USING (commune_code) ORDER BY period_type, element`
    : `INSERT INTO ${CUBE_TABLE} SELECT ${src}, 'commune', c.commune_code, coalesce(any_value(u.commune_name), c.commune_code), ${KEY}, sum(value)
       FROM _cube_cells c LEFT JOIN _units u USING (commune_code) GROUP BY c.commune_code, ${KEY} ORDER BY period_type, element`;
}

/** Province rows summed from `from` (cells or commune rows `c` with their `_units` `u`). */
function provinceRowsSql(src: string, from: string): string {
  return `INSERT INTO ${CUBE_TABLE}
     SELECT ${src}, 'province', coalesce(u.province_code, '??'), coalesce(any_value(u.province_name), coalesce(u.province_code, '??')),
       ${KEY}, sum(value)
     FROM ${from} GROUP BY coalesce(u.province_code, '??'), ${KEY}
     ORDER BY period_type, element`;
}
