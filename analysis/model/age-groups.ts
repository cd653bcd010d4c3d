/** Five-year age groups of formats.md: 0, 1-4, 5-9, ..., 80-84, 85+. */
export const AGE_GROUPS = [
  '0', '1-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44',
  '45-49', '50-54', '55-59', '60-64', '65-69', '70-74', '75-79', '80-84', '85+',
] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** Mother's age groups for age-specific fertility (15-19 ... 45-49). */
export const FERTILE_AGE_GROUPS = ['15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49'] as const;

/** The age group of an exact age in completed years. */
export function ageGroupOf(age: number): AgeGroup {
  if (age < 1) return '0';
  if (age < 5) return '1-4';
  if (age >= 85) return '85+';
  const lo = Math.floor(age / 5) * 5;
  return `${lo}-${lo + 4}` as AgeGroup;
}

/**
 * The same rule in SQL, for an integer age expression; a NULL or negative age gives
 * 'unknown'. Picked from a list by an integer (twice as fast in duckdb-wasm as building
 * the label from its bounds; the cube evaluates it on millions of rows).
 */
export function ageGroupSql(expr: string): string {
  const labels = [...AGE_GROUPS, 'unknown'].map((g) => `'${g}'`).join(',');
  const age = `(${expr})`;
  return `[${labels}][CASE WHEN ${age} IS NULL OR ${age} < 0 THEN ${AGE_GROUPS.length + 1} WHEN ${age} < 1 THEN 1 WHEN ${age} < 5 THEN 2
    WHEN ${age} >= 85 THEN ${AGE_GROUPS.length} ELSE ${age} // 5 + 2 END]`;
}
