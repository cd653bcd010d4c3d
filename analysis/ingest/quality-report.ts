import Papa from 'papaparse';
import { queryRows, sqlString, type Engine, type Row } from '../engine/engine.js';
import { allProvinces, communeByCode } from '../model/admin-units.js';
import { IMPORT_LOG_TABLE, QUALITY_SUMMARY_COLUMNS_SQL, QUALITY_SUMMARY_TABLE, QUALITY_TABLE } from '../workspace/tables.js';
import { myers, whipple } from './age-heaping.js';
import type { Replacement } from './importer.js';
import { monthRanges } from './month-ranges.js';
import { writeXlsx } from './workbook.js';

export interface QualityRow {
  import_id: string;
  file: string;
  sheet: string | null;
  row: number | null;
  column: string | null;
  value: string | null;
  rule: string;
  severity: 'error' | 'warning' | 'fatal';
  message_vi: string;
  message_en: string;
  table_name: string | null;
  commune_code: string | null;
}

export interface QualityFilter {
  commune?: string;
  rule?: string;
  severity?: 'error' | 'warning';
  importId?: string;
  limit?: number;
  offset?: number;
}

function where(f: QualityFilter): string {
  const c: string[] = [];
  if (f.commune) c.push(`commune_code = ${sqlString(f.commune)}`);
  if (f.rule) c.push(`rule = ${sqlString(f.rule)}`);
  if (f.severity) c.push(`severity = ${sqlString(f.severity)}`);
  if (f.importId) c.push(`import_id = ${sqlString(f.importId)}`);
  return c.length ? `WHERE ${c.join(' AND ')}` : '';
}

/** Quality report lines, filtered, in file and row order. */
export async function qualityReport(engine: Engine, filter: QualityFilter = {}): Promise<QualityRow[]> {
  const page = filter.limit !== undefined ? `LIMIT ${Math.floor(filter.limit)} OFFSET ${Math.floor(filter.offset ?? 0)}` : '';
  return queryRows<QualityRow>(engine, `SELECT * FROM ${QUALITY_TABLE} ${where(filter)} ORDER BY file, sheet, row NULLS FIRST, rule ${page}`);
}

export async function qualityCount(engine: Engine, filter: QualityFilter = {}): Promise<number> {
  const r = await queryRows<{ n: number }>(engine, `SELECT count(*) AS n FROM ${QUALITY_TABLE} ${where(filter)}`);
  return r[0]?.n ?? 0;
}

export interface ImportLogEntry {
  import_id: string;
  file_name: string;
  sheet: string | null;
  content_hash: string;
  imported_at: string;
  table_name: string;
  encoding: string | null;
  rows_read: number;
  kept: number;
  quarantined: number;
  warnings: number;
  replaced: string;
}

export async function importLog(engine: Engine): Promise<ImportLogEntry[]> {
  return queryRows<ImportLogEntry>(engine, `SELECT * FROM ${IMPORT_LOG_TABLE} ORDER BY imported_at, import_id`);
}

/** The earlier exports an import replaced (the log keeps them as JSON text); none if unreadable. */
export function replacementsOf(entry: Pick<ImportLogEntry, 'replaced'>): Replacement[] {
  try {
    const list: unknown = JSON.parse(entry.replaced || '[]');
    return Array.isArray(list) ? (list as Replacement[]) : [];
  } catch {
    return [];
  }
}

/**
 * Event tables and whether their dates set the span of months checked. Marriages and
 * contraceptive spells do not: the register records them with their historic dates (a couple
 * married in 1990 is entered when the book opens), which made every commune "without data"
 * for decades. Their months still count as data within the span (the cube's years, a0Years,
 * follow the same rule).
 */
const EVENT_TABLES: Array<[string, string, boolean]> = [
  ['sinh', 'birth_date', true],
  ['chet', 'death_date', true],
  ['chuyen_cu', 'move_date', true],
  ['ket_hon', 'marriage_date', false],
  ['mang_thai', 'pregnancy_date', true],
  ['bptt', 'start_date', false],
  ['kham_nct', 'check_date', true],
];

/**
 * Completeness: months (yyyy-mm) between the first and last month with an event of the span's
 * tables (or an MIS report) in which a commune of the provinces present has no A0 event and
 * no MIS report.
 */
export async function missingMonths(engine: Engine): Promise<{ span: string[]; missing: Array<{ commune_code: string; month: string }> }> {
  const events = EVENT_TABLES.map(([t, d, span]) => `SELECT commune_code, strftime(${d}, '%Y-%m') AS month, ${span} AS span FROM ${t}`).join(' UNION ');
  const months = await queryRows<{ commune_code: string; month: string; span: boolean }>(
    engine,
    `WITH ev AS (${events}),
     mis_months AS (
       SELECT DISTINCT commune_code, strftime(m, '%Y-%m') AS month FROM (
         SELECT commune_code, unnest(generate_series(
           CASE period_type WHEN 'year' THEN make_date(year, 1, 1)
                            WHEN 'quarter' THEN make_date(year, (CAST(right(period, 1) AS INTEGER) - 1) * 3 + 1, 1)
                            ELSE make_date(year, CAST(right(period, 2) AS INTEGER), 1) END,
           CASE period_type WHEN 'year' THEN make_date(year, 12, 1)
                            WHEN 'quarter' THEN make_date(year, CAST(right(period, 1) AS INTEGER) * 3, 1)
                            ELSE make_date(year, CAST(right(period, 2) AS INTEGER), 1) END,
           INTERVAL 1 MONTH)) AS m FROM mis)),
     have AS (SELECT * FROM ev UNION SELECT commune_code, month, true FROM mis_months)
     SELECT commune_code, month, bool_or(span) AS span FROM have WHERE commune_code IS NOT NULL AND month IS NOT NULL GROUP BY ALL`,
  );
  if (months.length === 0) return { span: [], missing: [] };
  // Only historic records (marriages, spells): their months are all there is to go by.
  const spanning = months.some((m) => m.span) ? months.filter((m) => m.span) : months;
  const all = [...new Set(spanning.map((m) => m.month))].sort();
  const first = all[0]!;
  const last = all[all.length - 1]!;
  const span: string[] = [];
  for (let y = +first.slice(0, 4), m = +first.slice(5); `${y}-${String(m).padStart(2, '0')}` <= last; m === 12 ? (y++, (m = 1)) : m++)
    span.push(`${y}-${String(m).padStart(2, '0')}`);
  const have = new Set(months.map((m) => `${m.commune_code}|${m.month}`));
  // Every commune of the provinces the data covers, so a commune that sent nothing shows up.
  const provinces = new Set(months.map((m) => communeByCode(m.commune_code)?.provinceCode).filter(Boolean));
  const communes = allProvinces()
    .filter((p) => provinces.has(p.code))
    .flatMap((p) => p.communes.map((c) => c.communeCode))
    .sort();
  const out: Array<{ commune_code: string; month: string }> = [];
  for (const c of communes) for (const m of span) if (!have.has(`${c}|${m}`)) out.push({ commune_code: c, month: m });
  return { span, missing: out };
}

export interface AgeHeaping {
  commune_code: string;
  /** People on the register at the reference date with a birth date. */
  persons: number;
  whipple: number | null;
  myers: number | null;
}

/**
 * Whipple's and Myers' indices per commune, on the ages (completed years) at `refDate`
 * (default: 31/12 of the last year with a register entry) of the usual residents then.
 */
export async function ageHeaping(engine: Engine, refDate?: string): Promise<AgeHeaping[]> {
  const ref = refDate
    ? `DATE ${sqlString(refDate)}`
    : `(SELECT make_date(CAST(year(max(entry_date)) AS INTEGER), 12, 31) FROM nhan_khau)`;
  const rows = await queryRows<{ commune_code: string; age: number; n: number }>(
    engine,
    `SELECT commune_code, date_sub('year', birth_date, ${ref}) AS age, count(*) AS n FROM nhan_khau
     WHERE birth_date IS NOT NULL AND residence_status IN ('thuong_tru', 'tam_vang')
       AND entry_date <= ${ref} AND (exit_date IS NULL OR exit_date > ${ref})
     GROUP BY 1, 2`,
  );
  const by = new Map<string, number[]>();
  for (const r of rows) {
    let a = by.get(r.commune_code);
    if (!a) by.set(r.commune_code, (a = new Array(121).fill(0)));
    if (r.age >= 0 && r.age <= 120) a[r.age] = (a[r.age] ?? 0) + r.n;
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([commune_code, counts]) => ({
      commune_code,
      persons: counts.reduce((s, n) => s + n, 0),
      whipple: whipple(counts),
      myers: myers(counts),
    }));
}

export interface CommuneQuality {
  commune_code: string;
  commune_name: string | null;
  errors: number;
  warnings: number;
  /** Problems per rule. */
  rules: Record<string, number>;
  months_without_data: string[];
  /** No A0 event and no MIS report in any month of the span, and nobody on its register. */
  silent: boolean;
  whipple: number | null;
  myers: number | null;
}

/**
 * A commune that sent nothing: silent, and no problem reported either (one whose files were
 * all rejected is shown with its errors). The views and the CLI list these apart.
 */
export function sentNothing(q: CommuneQuality): boolean {
  return q.silent && q.errors === 0 && q.warnings === 0;
}

/** The summary as the workspace keeps it; the version changes when its rules do. */
interface StoredSummary {
  version: number;
  communes: CommuneQuality[];
}
const SUMMARY_VERSION = 4;

/**
 * The quality report summarised per commune, with completeness and age heaping. Read from
 * the summary the last import stored; computed from every table (and stored) when absent.
 */
export async function qualitySummary(engine: Engine): Promise<CommuneQuality[]> {
  const [stored] = await queryRows<{ summary: string }>(
    engine,
    `SELECT (SELECT any_value(summary) FROM ${QUALITY_SUMMARY_TABLE}) AS summary
     FROM information_schema.tables WHERE table_name = '${QUALITY_SUMMARY_TABLE}'`,
  ).catch(() => []);
  if (stored?.summary) {
    const parsed = JSON.parse(stored.summary) as StoredSummary | CommuneQuality[];
    // A summary stored under an earlier rule (a bare list: months without data counted from
    // historic marriage dates) is computed again.
    if (!Array.isArray(parsed) && parsed.version === SUMMARY_VERSION) return parsed.communes;
  }
  return refreshQualitySummary(engine);
}

/** Forget the stored summary (the data changed); the next save or read recomputes it. */
export async function dropQualitySummary(engine: Engine): Promise<void> {
  await engine.query(`DROP TABLE IF EXISTS ${QUALITY_SUMMARY_TABLE}`);
}

/** Compute the summary from the workspace's tables and store it (at each save after an import). */
export async function refreshQualitySummary(engine: Engine): Promise<CommuneQuality[]> {
  const summary = await computeQualitySummary(engine);
  await engine.query(`CREATE OR REPLACE TABLE ${QUALITY_SUMMARY_TABLE} (${QUALITY_SUMMARY_COLUMNS_SQL})`);
  const stored: StoredSummary = { version: SUMMARY_VERSION, communes: summary };
  await engine.query(`INSERT INTO ${QUALITY_SUMMARY_TABLE} VALUES (${sqlString(JSON.stringify(stored))})`);
  return summary;
}

async function computeQualitySummary(engine: Engine): Promise<CommuneQuality[]> {
  const counts = await queryRows<{ commune_code: string; rule: string; severity: string; n: number }>(
    engine,
    `SELECT coalesce(commune_code, '') AS commune_code, rule, severity, count(*) AS n FROM ${QUALITY_TABLE} GROUP BY ALL`,
  );
  const { span, missing } = await missingMonths(engine);
  const heaping = await ageHeaping(engine);
  const out = new Map<string, CommuneQuality>();
  const get = (c: string) => {
    let q = out.get(c);
    if (!q)
      out.set(
        c,
        (q = { commune_code: c, commune_name: communeByCode(c)?.communeName ?? null, errors: 0, warnings: 0, rules: {}, months_without_data: [], silent: false, whipple: null, myers: null }),
      );
    return q;
  };
  for (const r of counts) {
    const q = get(r.commune_code);
    if (r.severity === 'error') q.errors += r.n;
    if (r.severity === 'warning') q.warnings += r.n;
    q.rules[r.rule] = (q.rules[r.rule] ?? 0) + r.n;
  }
  for (const m of missing) get(m.commune_code).months_without_data.push(m.month);
  // A register with nobody on it at the reference date is no data either; one with people is.
  const registered = new Set(heaping.filter((h) => h.persons > 0).map((h) => h.commune_code));
  for (const q of out.values()) q.silent = span.length > 0 && q.months_without_data.length === span.length && !registered.has(q.commune_code);
  for (const h of heaping) Object.assign(get(h.commune_code), { whipple: h.whipple, myers: h.myers });
  return [...out.values()].sort((a, b) => a.commune_code.localeCompare(b.commune_code));
}

const EXPORT_COLUMNS = ['file', 'sheet', 'row', 'column', 'value', 'rule', 'severity', 'message_vi', 'message_en', 'table_name', 'commune_code', 'import_id'] as const;

function exportRows(rows: Row[]): unknown[][] {
  return [[...EXPORT_COLUMNS], ...rows.map((r) => EXPORT_COLUMNS.map((c) => r[c] ?? ''))];
}

/** Rows as CSV in UTF-8 with a BOM, so Excel shows Vietnamese correctly. */
function csvBytes(rows: unknown[][]): Uint8Array {
  return new TextEncoder().encode('\uFEFF' + Papa.unparse(rows) + '\r\n');
}

/** The quality report as CSV (UTF-8 with BOM, so Excel shows Vietnamese correctly). */
export async function exportQualityCsv(engine: Engine, filter: QualityFilter = {}): Promise<Uint8Array> {
  const rows = (await qualityReport(engine, filter)) as unknown as Row[];
  return csvBytes(exportRows(rows));
}

/** The quality report as an .xlsx workbook. */
export async function exportQualityXlsx(engine: Engine, filter: QualityFilter = {}): Promise<Uint8Array> {
  const rows = (await qualityReport(engine, filter)) as unknown as Row[];
  return writeXlsx('Chất lượng dữ liệu', exportRows(rows));
}

/** The per-commune summary (qualitySummary) as CSV or an .xlsx workbook: one row per commune. */
export async function exportQualitySummary(engine: Engine, kind: 'csv' | 'xlsx'): Promise<Uint8Array> {
  const rows: unknown[][] = [
    ['commune_code', 'commune_name', 'errors', 'warnings', 'months_without_data', 'months', 'whipple', 'myers'],
    ...(await qualitySummary(engine)).map((q) => [
      q.commune_code, q.commune_name ?? '', q.errors, q.warnings, q.months_without_data.length, monthRanges(q.months_without_data).join(', '),
      q.whipple ?? '', q.myers ?? '',
    ]),
  ];
  return kind === 'csv' ? csvBytes(rows) : writeXlsx('Tóm tắt theo xã', rows);
}
