/**
 * The data-element cube: one row per unit × period × element × sex × age group.
 *   level       'province' | 'commune' | 'village'
 *   unit_code   province '15', commune '04465', village '04465/Thôn 3'
 *   period      '2024' | '2024-Q2' | '2024-05'; period_type 'year' | 'quarter' | 'month'
 *   sex         'M' | 'F' | 'T' (both; 'U' = unknown, counted only in 'T')
 *   age_group   AGE_GROUPS, 'unknown', or 'total'; for births, the mother's age group
 *   value       count (stocks at period end, flows over the period)
 * Every marginal (sex 'T', age 'total') is stored, so indicators read cells, never sum them.
 */
export const CUBE_TABLE = 'cube';

/**
 * The version of the rules the cube is built by. A workspace saves it with its cube, and one
 * opened with a cube of another version leaves that cube out (it is rebuilt on first use):
 * a fix to the build must reach the cubes saved before it (2: MIS years from complete
 * quarters only, husbands' male methods; 1: before, unnumbered).
 */
export const CUBE_VERSION = 2;

export const CUBE_COLUMNS_SQL =
  'source VARCHAR, level VARCHAR, unit_code VARCHAR, unit_name VARCHAR, period VARCHAR, period_type VARCHAR, ' +
  'year INTEGER, element VARCHAR, sex VARCHAR, age_group VARCHAR, value DOUBLE';

/**
 * The years each source's cube was built for (flows first_year…last_year, stocks from 31/12
 * of first_year − 1): its village rows and updates must use the same, and its rows alone
 * cannot always tell them (a stray early date widens a register's years without a flow in them).
 */
export const CUBE_YEARS_TABLE = 'cube_years';
export const CUBE_YEARS_COLUMNS_SQL = 'source VARCHAR, first_year INTEGER, last_year INTEGER';

export type CubeSource = 'a0' | 'mis';
export type CubeLevel = 'province' | 'commune' | 'village';

export interface CubeRow {
  source: CubeSource;
  level: CubeLevel;
  unit_code: string;
  unit_name: string;
  period: string;
  period_type: 'year' | 'quarter' | 'month';
  year: number;
  element: string;
  sex: string;
  age_group: string;
  value: number;
}

/**
 * Not a data element of formats.md: the A0 population at 31/12 by completed year of age
 * (age_group '0' … '120', sex 'T'), commune and province level only. It lets the views
 * compute Whipple's and Myers' indices from the cube instead of the register.
 */
export const SINGLE_AGE_ELEMENT = 'population_single_age';

/** Village unit codes join the commune code and the village name. */
export const VILLAGE_SEPARATOR = '/';
