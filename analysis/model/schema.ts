/**
 * The canonical tables in DuckDB: one per A0 table of shared/formats.md plus `mis`.
 * Table names are the formats.md names; column names are the canonical English names.
 * Codes are normalised on import:
 *   sex: 'M' | 'F'
 *   residence_status: 'thuong_tru' | 'tam_vang' | 'tam_tru'
 *   entry_reason: 'opening' | 'birth' | 'moved_in'; exit_reason: 'death' | 'moved_out'
 *   move_type: 'in' | 'out'
 *   method: see MODERN_METHODS / TRADITIONAL_METHODS
 * Person identifiers (person_id, mother_id, husband_id, wife_id) hold the keyed pseudonym
 * (a UBIGINT, see ingest/pseudonym.ts), never the original identifier; names are never stored.
 * Every table carries import_id (the import that produced the row) and source_row (the
 * row number in its file, 1-based, counting the header as row 1).
 */
export type ColumnType = 'VARCHAR' | 'DATE' | 'INTEGER' | 'BOOLEAN' | 'DOUBLE' | 'UBIGINT';
export interface ColumnDef {
  name: string;
  type: ColumnType;
}
export interface TableDef {
  name: CanonicalTable;
  columns: ColumnDef[];
}

export const CANONICAL_TABLES = [
  'nhan_khau',
  'sinh',
  'chet',
  'chuyen_cu',
  'ket_hon',
  'mang_thai',
  'bptt',
  'kham_nct',
  'mis',
] as const;
export type CanonicalTable = (typeof CANONICAL_TABLES)[number];

const c = (name: string, type: ColumnType): ColumnDef => ({ name, type });
/** A person identifier: the pseudonym, an unsigned 64-bit integer. */
const id = (name: string): ColumnDef => c(name, 'UBIGINT');
const provenance = [c('import_id', 'VARCHAR'), c('source_row', 'INTEGER')];

export const SCHEMA: Record<CanonicalTable, TableDef> = {
  nhan_khau: {
    name: 'nhan_khau',
    columns: [
      c('province_code', 'VARCHAR'),
      c('commune_code', 'VARCHAR'),
      c('village', 'VARCHAR'),
      c('household_id', 'VARCHAR'),
      id('person_id'),
      c('relation', 'VARCHAR'),
      c('sex', 'VARCHAR'),
      c('birth_date', 'DATE'),
      c('birth_date_imputed', 'BOOLEAN'),
      c('ethnicity', 'VARCHAR'),
      c('education', 'VARCHAR'),
      c('marital_status', 'VARCHAR'),
      c('residence_status', 'VARCHAR'),
      c('entry_date', 'DATE'),
      c('entry_reason', 'VARCHAR'),
      c('exit_date', 'DATE'),
      c('exit_reason', 'VARCHAR'),
      id('mother_id'),
      ...provenance,
    ],
  },
  sinh: {
    name: 'sinh',
    columns: [
      c('commune_code', 'VARCHAR'),
      id('person_id'),
      id('mother_id'),
      c('mother_birth_date', 'DATE'),
      c('birth_date', 'DATE'),
      c('sex', 'VARCHAR'),
      c('birth_order', 'INTEGER'),
      c('birth_place', 'VARCHAR'),
      c('newborn_screening_date', 'DATE'),
      c('newborn_screening_diseases', 'INTEGER'),
      ...provenance,
    ],
  },
  chet: {
    name: 'chet',
    columns: [
      c('commune_code', 'VARCHAR'),
      id('person_id'),
      c('death_date', 'DATE'),
      c('sex', 'VARCHAR'),
      c('birth_date', 'DATE'),
      ...provenance,
    ],
  },
  chuyen_cu: {
    name: 'chuyen_cu',
    columns: [
      c('commune_code', 'VARCHAR'),
      id('person_id'),
      c('move_type', 'VARCHAR'),
      c('move_date', 'DATE'),
      c('other_place', 'VARCHAR'),
      ...provenance,
    ],
  },
  ket_hon: {
    name: 'ket_hon',
    columns: [
      c('commune_code', 'VARCHAR'),
      id('husband_id'),
      id('wife_id'),
      c('husband_birth_date', 'DATE'),
      c('wife_birth_date', 'DATE'),
      // Age at marriage in completed years: from the dates when present, else the file's age.
      c('husband_age', 'INTEGER'),
      c('wife_age', 'INTEGER'),
      c('marriage_date', 'DATE'),
      c('premarital_check', 'BOOLEAN'),
      c('consanguineous', 'BOOLEAN'),
      ...provenance,
    ],
  },
  mang_thai: {
    name: 'mang_thai',
    columns: [
      c('commune_code', 'VARCHAR'),
      id('person_id'),
      c('pregnancy_date', 'DATE'),
      c('prenatal_screening_date', 'DATE'),
      c('prenatal_screening_diseases', 'INTEGER'),
      ...provenance,
    ],
  },
  bptt: {
    name: 'bptt',
    columns: [
      c('commune_code', 'VARCHAR'),
      id('person_id'),
      c('method', 'VARCHAR'),
      c('modern', 'BOOLEAN'),
      c('start_date', 'DATE'),
      c('end_date', 'DATE'),
      c('new_acceptor', 'BOOLEAN'),
      ...provenance,
    ],
  },
  kham_nct: {
    name: 'kham_nct',
    columns: [c('commune_code', 'VARCHAR'), id('person_id'), c('check_date', 'DATE'), ...provenance],
  },
  mis: {
    name: 'mis',
    columns: [
      c('commune_code', 'VARCHAR'),
      // Normalised period: '2024' | '2024-Q2' | '2024-05'
      c('period', 'VARCHAR'),
      c('period_type', 'VARCHAR'), // 'year' | 'quarter' | 'month'
      c('year', 'INTEGER'),
      c('element', 'VARCHAR'),
      c('sex', 'VARCHAR'), // 'M' | 'F' | NULL (both)
      c('age_group', 'VARCHAR'), // NULL = all ages; see AGE_GROUPS
      c('value', 'DOUBLE'),
      ...provenance,
    ],
  },
};

export const MODERN_METHODS = [
  'male_sterilisation',
  'female_sterilisation',
  'iud',
  'implant',
  'injectable',
  'pill',
  'condom',
] as const;
export const TRADITIONAL_METHODS = ['rhythm', 'withdrawal', 'other'] as const;
/** Methods bptt records under the husband (formats.md): they count for his wife while married. */
export const MALE_METHODS = ['male_sterilisation', 'condom'] as const;

/** CREATE TABLE statement for a canonical table. */
export function createTableSql(table: CanonicalTable, name: string = table): string {
  const cols = SCHEMA[table].columns.map((col) => `"${col.name}" ${col.type}`).join(', ');
  return `CREATE TABLE IF NOT EXISTS "${name}" (${cols})`;
}

/** The canonical tables' person-identifier columns (the pseudonyms). */
export function idColumns(table: CanonicalTable): string[] {
  return SCHEMA[table].columns.filter((col) => col.type === 'UBIGINT').map((col) => col.name);
}

/**
 * SQL casting text `x` to a column's type. Pseudonyms travel as text in 16 hex digits (the
 * row converter's output), which DuckDB reads as a number with the 0x prefix.
 */
export function castFromText(x: string, type: ColumnType): string {
  return type === 'UBIGINT' ? `CAST('0x' || ${x} AS UBIGINT)` : `CAST(${x} AS ${type})`;
}

/** SQL giving a pseudonym as text, 16 hex digits: as the quality report and the pseudonymiser write it. */
export function pseudonymText(x: string): string {
  return `printf('%016x', ${x})`;
}
