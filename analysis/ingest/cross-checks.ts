import { queryRows, type Engine } from '../engine/engine.js';
import { idColumns, pseudonymText, type CanonicalTable } from '../model/schema.js';
import type { RuleCode } from '../model/quality-rules.js';
import { COUPLE_ELEMENTS } from './elements.js';

/** A problem found by a set-based check on the staged rows. */
export interface CrossFinding {
  source_row: number;
  rule: RuleCode;
  column: string | null;
  value: string | null;
  commune_code: string | null;
}

/** What makes two rows "the same person, the same event" in each table. */
export const DUPLICATE_KEYS: Record<CanonicalTable, string[]> = {
  nhan_khau: ['commune_code', 'person_id', 'entry_date'],
  sinh: ['commune_code', 'mother_id', 'birth_date', 'sex', 'person_id', 'birth_order'],
  chet: ['person_id'],
  chuyen_cu: ['commune_code', 'person_id', 'move_type', 'move_date'],
  ket_hon: ['commune_code', 'husband_id', 'wife_id', 'husband_birth_date', 'wife_birth_date', 'marriage_date'],
  mang_thai: ['commune_code', 'person_id', 'pregnancy_date'],
  bptt: ['commune_code', 'person_id', 'method', 'start_date'],
  kham_nct: ['commune_code', 'person_id', 'check_date'],
  mis: ['commune_code', 'period', 'element', 'sex', 'age_group'],
};

/** The staged rows live in `stg`, typed as the canonical table. */
export async function crossChecks(engine: Engine, table: CanonicalTable): Promise<CrossFinding[]> {
  const keys = DUPLICATE_KEYS[table].map((k) => `"${k}"`);
  const key = keys.join(', ');
  const sKey = keys.map((k) => `s.${k}`).join(', ');
  // Pseudonyms are reported as text, in the form the pseudonymiser gives them.
  const ids = new Set(idColumns(table));
  // Groups of the key's 64-bit hash first (cheaper than grouping the key's columns; NULLs
  // hash alike), then row numbers by the key itself only among the rows of repeated hashes:
  // a collision adds candidates, never a finding.
  const sql: string[] = [
    `SELECT source_row, 'duplicate_row' AS rule, NULL AS "column",
       concat_ws(' | ', ${DUPLICATE_KEYS[table].map((k, i) => (ids.has(k) ? pseudonymText(keys[i]!) : keys[i]!)).join(', ')}) AS value, commune_code
     FROM (SELECT s.*, row_number() OVER (PARTITION BY ${sKey} ORDER BY s.source_row) AS rn
           FROM stg s SEMI JOIN (SELECT hash(${key}) AS h FROM stg GROUP BY h HAVING count(*) > 1) d ON d.h = hash(${sKey}))
     WHERE rn > 1`,
  ];
  // Register-based checks only where the workspace holds the commune's register.
  const onRegister = `commune_code IN (SELECT DISTINCT commune_code FROM nhan_khau)`;
  // The register's persons that a staged column names: a semi-join on the staged ids (small)
  // instead of a hash table, or a grouping, of every person on the register (5.8 M). That
  // list may be empty, and NULL NOT IN () is true: the checks skip NULL ids explicitly.
  const staged = (col: string) => `person_id IN (SELECT ${col} FROM stg WHERE ${col} IS NOT NULL)`;
  let with_ = '';
  if (table === 'sinh') {
    // The mothers found on the register, read once for both checks.
    with_ = `WITH mothers AS MATERIALIZED (
       SELECT person_id, min(birth_date) AS birth_date FROM nhan_khau WHERE ${staged('mother_id')} GROUP BY person_id) `;
    sql.push(
      `SELECT source_row, 'mother_unknown', 'mother_id', ${pseudonymText('mother_id')}, commune_code FROM stg
       WHERE ${onRegister} AND mother_id IS NOT NULL AND mother_id NOT IN (SELECT person_id FROM mothers)`,
      `SELECT s.source_row, 'mother_age_implausible', 'mother_id',
         CAST(m.birth_date AS VARCHAR) || ' (' || CAST(date_sub('year', m.birth_date, s.birth_date) AS VARCHAR) || ')',
         s.commune_code
       FROM stg s JOIN mothers m ON m.person_id = s.mother_id
       WHERE s.mother_birth_date IS NULL AND s.birth_date IS NOT NULL
         AND date_sub('year', m.birth_date, s.birth_date) NOT BETWEEN 10 AND 55`,
    );
  }
  if (table === 'chet') {
    sql.push(
      `SELECT source_row, 'death_not_on_register', 'person_id', ${pseudonymText('person_id')}, commune_code FROM stg
       WHERE ${onRegister} AND person_id IS NOT NULL AND person_id NOT IN (SELECT person_id FROM nhan_khau WHERE person_id IS NOT NULL AND ${staged('person_id')})`,
    );
  }
  if (table === 'mis') {
    const couples = COUPLE_ELEMENTS.map((e) => `'${e}'`).join(', ');
    sql.push(
      `SELECT source_row, 'marriages_in_persons', 'sex', element || ' ' || sex, commune_code FROM stg
       WHERE element IN (${couples}) AND sex IS NOT NULL`,
      stockFlowSql(),
    );
  }
  const rows = await queryRows<CrossFinding>(engine, with_ + sql.join('\nUNION ALL\n'));
  return rows;
}

/**
 * Year-end population must follow from the previous year-end by births − deaths +
 * in-migrants − out-migrants. Reported on the later year's population row when the gap is
 * more than 1% of the population (and more than 5 people): registers lag, small gaps are normal.
 */
function stockFlowSql(): string {
  return `SELECT * FROM (WITH all_mis AS (
      SELECT commune_code, year, element, value, source_row, true AS staged
      FROM stg WHERE period_type = 'year' AND sex IS NULL AND age_group IS NULL
      UNION ALL
      SELECT commune_code, year, element, value, source_row, false FROM mis
      WHERE period_type = 'year' AND sex IS NULL AND age_group IS NULL
        AND (commune_code, period) NOT IN (SELECT commune_code, period FROM stg)
    ), y AS (
      SELECT commune_code, year,
        max(value) FILTER (WHERE element = 'population') AS pop,
        max(source_row) FILTER (WHERE element = 'population' AND staged) AS pop_row,
        bool_or(staged) AS staged,
        coalesce(sum(value) FILTER (WHERE element = 'births'), 0) - coalesce(sum(value) FILTER (WHERE element = 'deaths'), 0)
        + coalesce(sum(value) FILTER (WHERE element = 'in_migrants'), 0) - coalesce(sum(value) FILTER (WHERE element = 'out_migrants'), 0) AS net,
        count(*) FILTER (WHERE element IN ('births', 'deaths')) AS flows
      FROM all_mis GROUP BY 1, 2
    )
    SELECT cur.pop_row, 'mis_stock_flow_mismatch', 'value',
      CAST(prev.pop AS VARCHAR) || ' + ' || CAST(cur.net AS VARCHAR) || ' ≠ ' || CAST(cur.pop AS VARCHAR), cur.commune_code
    FROM y cur JOIN y prev ON prev.commune_code = cur.commune_code AND prev.year = cur.year - 1
    WHERE cur.pop_row IS NOT NULL AND cur.flows > 0 AND prev.pop IS NOT NULL
      AND abs(cur.pop - (prev.pop + cur.net)) > greatest(5, 0.01 * cur.pop))`;
}
