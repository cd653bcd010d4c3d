import { FERTILE_AGE_GROUPS } from '../model/age-groups.js';
import { A0_TABLE_NAMES, A0_TABLE_OF, type DataElement } from '../model/data-elements.js';

/**
 * The cube cells the indicators read, as named columns of one row per unit × year.
 * `at: 'prev'` reads the stock at the end of the previous year (for average populations).
 */
export interface CellColumn {
  name: string;
  element: string;
  sex: 'T' | 'M' | 'F';
  /** 'total' or the age groups summed. */
  ages: 'total' | readonly string[];
  at: 'cur' | 'prev';
}

const col = (name: string, element: string, sex: CellColumn['sex'] = 'T', ages: CellColumn['ages'] = 'total', at: CellColumn['at'] = 'cur'): CellColumn => ({
  name, element, sex, ages, at,
});
const slug = (a: string) => a.replace('-', '_');

export const AGES_0_14 = ['0', '1-4', '5-9', '10-14'] as const;
export const AGES_15_64 = ['15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59', '60-64'] as const;
export const AGES_65P = ['65-69', '70-74', '75-79', '80-84', '85+'] as const;
export const AGES_60P = ['60-64', ...AGES_65P] as const;

/** Column names of the fertility age groups: b_15_19 (births), w_15_19 (average women). */
export const FERTILE = FERTILE_AGE_GROUPS.map((a) => ({ age: a, b: `b_${slug(a)}`, w: `w_${slug(a)}` }));

export const CELL_COLUMNS: CellColumn[] = [
  col('pop_end', 'population'),
  col('pop_prev', 'population', 'T', 'total', 'prev'),
  col('pop_m', 'population', 'M'),
  col('pop_f', 'population', 'F'),
  col('pop_0_14', 'population', 'T', AGES_0_14),
  col('pop_15_64', 'population', 'T', AGES_15_64),
  col('pop_65p', 'population', 'T', AGES_65P),
  col('pop_60p', 'population', 'T', AGES_60P),
  // Whether population by age exists at all (MIS exports may lack it): the life table needs it.
  col('pop_0', 'population', 'T', ['0']),
  // …and by sex (the life tables of each sex).
  col('pop_0_m', 'population', 'M', ['0']),
  col('pop_0_f', 'population', 'F', ['0']),
  ...FERTILE.flatMap((f) => [
    col(`${f.w}_end`, 'population', 'F', [f.age]),
    col(`${f.w}_prev`, 'population', 'F', [f.age], 'prev'),
    col(f.b, 'births', 'T', [f.age]),
  ]),
  col('b', 'births'),
  col('b_m', 'births', 'M'),
  col('b_f', 'births', 'F'),
  col('b_o2', 'births_order_2'),
  col('b_o3', 'births_order_3plus'),
  col('d', 'deaths'),
  col('d_0', 'deaths', 'T', ['0']),
  col('d_0_m', 'deaths', 'M', ['0']),
  col('d_0_f', 'deaths', 'F', ['0']),
  col('mig_in', 'in_migrants'),
  col('mig_out', 'out_migrants'),
  col('mar', 'marriages'),
  col('mar_child', 'child_marriages'),
  col('mar_cons', 'consanguineous_marriages'),
  col('mar_check', 'premarital_checked'),
  col('preg', 'pregnancies'),
  col('preg_scr', 'prenatal_screened'),
  col('nb_scr', 'newborn_screened'),
  col('wm', 'women_married_15_49'),
  col('mmu', 'modern_method_users'),
  col('new_acc', 'new_acceptors'),
  col('eld', 'elderly'),
  col('eld_chk', 'elderly_checked'),
  col('hh', 'households'),
];

/**
 * Columns derived per year before pooling: average populations P̄ = (prev + end) / 2.
 * Every column of the pooled table is a sum over the window's years.
 */
export const DERIVED_COLUMNS: Array<{ name: string; sql: string; from: string[] }> = [
  { name: 'pop_avg', sql: '(pop_prev + pop_end) / 2', from: ['pop_prev', 'pop_end'] },
  ...FERTILE.map((f) => ({ name: f.w, sql: `(${f.w}_prev + ${f.w}_end) / 2`, from: [`${f.w}_prev`, `${f.w}_end`] })),
  { name: 'w_15_49', sql: FERTILE.map((f) => `(${f.w}_prev + ${f.w}_end) / 2`).join(' + '), from: FERTILE.flatMap((f) => [`${f.w}_prev`, `${f.w}_end`]) },
  { name: 'b_15_49', sql: FERTILE.map((f) => f.b).join(' + '), from: FERTILE.map((f) => f.b) },
  // Persons 60+ at the year-end: the elderly element where the data give it (an MIS report
  // form's item 19), else the population's age groups 60+ (A0 gives both, equal).
  { name: 'elderly_60p', sql: 'coalesce(eld, pop_60p)', from: ['eld', 'pop_60p'] },
];

/**
 * A0 tables that hold rows none of which counts in the years computed (a file of other
 * years), and those years as written in a reason ("2021–2025"). Any other table an
 * indicator lacks was not imported.
 */
export interface A0Coverage {
  unrecorded: ReadonlySet<string>;
  years: string;
}

/** "sổ sinh" → "Sổ sinh": a reason that starts with a table's name. */
export function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The A0 tables columns are counted from (each once). */
export function a0TablesOf(columns: readonly string[]): Array<(typeof A0_TABLE_OF)[DataElement]> {
  return [
    ...new Set(
      columns
        .map((c) => CELL_COLUMNS.find((x) => x.name === c)?.element)
        .filter((e): e is string => e !== undefined)
        .map((e) => A0_TABLE_OF[e as DataElement]),
    ),
  ];
}

/**
 * Why an A0 workspace cannot give columns: the tables they are counted from were not
 * imported, or hold no record of the years computed (every one of them named). Null when
 * only a previous year-end is missing.
 */
function a0MissingReason(columns: string[], coverage?: A0Coverage): string | null {
  const tables = a0TablesOf(columns.filter((c) => !c.endsWith('_prev')));
  if (tables.length === 0) return null;
  const named = (ts: typeof tables, lang: 'vi' | 'en') => ts.map((t) => `${A0_TABLE_NAMES[t][lang]} (${t})`).join(', ');
  const absent = tables.filter((t) => !coverage?.unrecorded.has(t));
  const unrecorded = tables.filter((t) => coverage?.unrecorded.has(t));
  const vi: string[] = [];
  const en: string[] = [];
  if (absent.length) {
    vi.push(`Chưa nhập ${named(absent, 'vi')}`);
    en.push(`no ${named(absent, 'en')} file${absent.length > 1 ? 's' : ''} imported`);
  }
  if (unrecorded.length && coverage) {
    const v = named(unrecorded, 'vi');
    vi.push(`${vi.length ? v : upperFirst(v)} không có bản ghi nào được tính trong ${coverage.years}`);
    en.push(`none of the records of ${named(unrecorded, 'en')} counts in ${coverage.years}`);
  }
  return `${vi.join('; ')} · ${en.join('; ')}`;
}

/**
 * The column to explain: one the export lacks altogether rather than a previous year-end
 * whose current year-end is present (that only means the previous period is missing).
 */
function mainMissing(missing: string[]): string {
  const counterpart = (c: string) => c.replace(/_prev$/, '_end');
  const lacking = missing.find((c) => !c.endsWith('_prev') || missing.includes(counterpart(c)));
  if (lacking === undefined) return missing[0]!;
  return lacking.endsWith('_prev') ? counterpart(lacking) : lacking;
}

/**
 * Why the columns an indicator needs are missing, for `not_computable` (Vietnamese · English).
 * An A0 workspace lacks the tables they are counted from; MIS figures lack an element or its
 * breakdown (the one they lack altogether is named): the whole export's, or one commune's
 * in a period while other communes give it (so the wording is of "the figures").
 */
export function missingReason(columns: string[], source: 'a0' | 'mis' = 'mis', coverage?: A0Coverage): string {
  return (source === 'a0' ? a0MissingReason(columns, coverage) : null) ?? columnReason(mainMissing(columns));
}

/** Why one column is missing from the figures. */
function columnReason(column: string): string {
  if (column === 'pop_prev' || column.endsWith('_prev'))
    return 'Không có dân số cuối kỳ trước · no population at the end of the previous period';
  if (/^b_\d/.test(column)) return 'Dữ liệu không có số sinh theo tuổi mẹ · the figures have no births by mother’s age';
  if (/^w_\d/.test(column)) return 'Dữ liệu không có dân số nữ theo nhóm tuổi · the figures have no female population by age group';
  if (column === 'b_m' || column === 'b_f') return 'Dữ liệu không có số sinh theo giới tính · the figures have no births by sex';
  if (column === 'elderly_60p') return 'Dữ liệu không có số người cao tuổi (60+) · the figures have no count of persons 60+';
  if (column === 'eld_chk')
    return 'Dữ liệu không có số người cao tuổi được khám trong cả năm (số theo quý, tháng không cộng được: một người khám nhiều lần bị đếm nhiều lần) · the figures have no yearly count of elderly persons checked (quarterly or monthly counts do not add up: a person checked in several would count more than once)';
  if (column === 'pop_0_m' || column === 'pop_0_f') return 'Dữ liệu không có dân số theo giới tính và nhóm tuổi · the figures have no population by sex and age group';
  if (column === 'd_0_m' || column === 'd_0_f') return 'Dữ liệu không có số chết theo giới tính và nhóm tuổi · the figures have no deaths by sex and age group';
  if (column === 'pop_m' || column === 'pop_f') return 'Dữ liệu không có dân số theo giới tính · the figures have no population by sex';
  if (column.startsWith('pop_') && column !== 'pop_end') return 'Dữ liệu không có dân số theo nhóm tuổi · the figures have no population by age group';
  if (column === 'd_0') return 'Dữ liệu không có số chết theo tuổi · the figures have no deaths by age';
  const c = CELL_COLUMNS.find((x) => x.name === column);
  return `Dữ liệu không có chỉ tiêu ${c?.element ?? column} · the figures have no ${c?.element ?? column}`;
}
