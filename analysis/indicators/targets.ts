import Papa from 'papaparse';
import { fold } from '../ingest/fold.js';
import { parseWholeNumber } from '../model/whole-number.js';
import { PLAN_TARGETS_2026_CSV } from './plan-targets-2026.js';
import { INDICATORS, indicatorByCode } from './registry.js';
import type { IndicatorResult } from './result.js';

/** One plan target (shared/data/plan-targets-2026.csv). */
export interface Target {
  unit_code: string;
  unit_name: string;
  year: number;
  indicator: string;
  comparator: '<' | '<=' | '>=' | '>';
  target: number;
  unit: string;
  source_text: string;
}

export type TargetStatus = 'met' | 'missed' | 'undecided' | 'no_data';

export interface TargetEvaluation extends Target {
  status: TargetStatus;
  /** The period the status rests on: the target year, or the latest period when it has no data. */
  period: string | null;
  /** True when the target year had no data and the latest period was used instead. */
  latest: boolean;
  value: number | null;
  lower: number | null;
  upper: number | null;
  flag: string;
  /** What the status means, Vietnamese · English. */
  note: string;
}

const COMPARATORS = ['<', '<=', '>=', '>'] as const;

/**
 * Numbers as plans write them: "72,4" or "72.4". A whole-number target (a count) may carry
 * thousands separators as Vietnamese plans print them, "94.323" or "94,323": that is 94323,
 * never 94.323. Empty: NaN.
 */
function parseNumber(s: string, whole: boolean): number {
  // "71%" in a target in % is 71, as the CSV writes it.
  const t = s.trim().replace(/\s/g, '').replace('≤', '').replace('≥', '').replace(/%$/, '');
  if (t === '') return NaN;
  const w = whole ? parseWholeNumber(t) : NaN;
  if (!Number.isNaN(w)) return w;
  return Number(/^-?\d+,\d+$/.test(t) ? t.replace(',', '.') : t);
}

/** The columns a targets file must have (unit_name, unit and source_text may be absent). */
export const TARGET_COLUMNS = ['unit_code', 'year', 'indicator', 'comparator', 'target'] as const;

/** Vietnamese headers a plan's own table may use, folded (fold.ts), for the CSV's column names. */
const HEADER_ALIASES: Record<string, string> = {
  madonvi: 'unit_code', madv: 'unit_code', tendonvi: 'unit_name', nam: 'year', chitieu: 'indicator', machitieu: 'indicator',
  sosanh: 'comparator', phepsosanh: 'comparator', muctieu: 'target', donvitinh: 'unit', dvt: 'unit', nguon: 'source_text', ghichu: 'source_text',
};

/** A header as the CSV names it: its own name in any case, or a Vietnamese one ("Mã đơn vị", "Năm", "Mục tiêu"). */
export function targetHeader(h: string): string {
  const f = fold(h);
  const own = [...TARGET_COLUMNS, 'unit_name', 'unit', 'source_text'].find((c) => fold(c) === f);
  return own ?? HEADER_ALIASES[f] ?? h.trim();
}

/**
 * Targets from rows with the CSV's column names (CSV or a worksheet read as objects).
 * `lines`: each row's line in the file, for the errors (default: the header then one line each).
 */
export function parseTargetsRows(
  rows: Array<Record<string, unknown>>,
  headers: string[] = Object.keys(rows[0] ?? {}),
  lines: number[] = rows.map((_, i) => i + 2),
): Target[] {
  const out: Target[] = [];
  const missing = TARGET_COLUMNS.filter((c) => !headers.includes(c));
  if (rows.length > 0 && missing.length > 0) {
    throw new Error(
      `Tệp mục tiêu thiếu cột ${missing.join(', ')} · the targets file lacks the column(s) ${missing.join(', ')} ` +
        `(cần · needed: ${TARGET_COLUMNS.join(', ')}; có · found: ${headers.filter(Boolean).join(', ') || '—'})`,
    );
  }
  rows.forEach((raw, i) => {
    const get = (k: string) => String(raw[k] ?? '').trim();
    if (Object.values(raw).every((v) => String(v ?? '').trim() === '')) return;
    const where = `dòng ${lines[i] ?? i + 2} · row ${lines[i] ?? i + 2}`;
    const def = indicatorByCode(get('indicator').toLowerCase());
    if (!def) {
      throw new Error(
        `${where}: không có chỉ tiêu · unknown indicator "${get('indicator')}" (mã · codes: ${INDICATORS.map((d) => d.code).join(', ')})`,
      );
    }
    const comparator = get('comparator').replace('≤', '<=').replace('≥', '>=') as Target['comparator'];
    const whole = def.decimals === 0;
    const target = parseNumber(get('target'), whole);
    const year = Number(get('year'));
    if (!COMPARATORS.includes(comparator)) throw new Error(`${where}: phép so sánh không hợp lệ · bad comparator "${get('comparator')}"`);
    if (!Number.isFinite(target)) throw new Error(`${where}: giá trị mục tiêu không hợp lệ · bad target "${get('target')}"`);
    if (whole && !Number.isInteger(target)) {
      throw new Error(`${where}: mục tiêu của ${def.code} phải là số nguyên · the target of ${def.code} must be a whole number: "${get('target')}"`);
    }
    // A year typed as a date in a spreadsheet arrives as a day number (46387): refused, not judged.
    if (!Number.isInteger(year) || year < 1900 || year > 2100) {
      throw new Error(`${where}: năm không hợp lệ (ghi năm, ví dụ 2026) · bad year (write the year, e.g. 2026): "${get('year')}"`);
    }
    let unit_code = get('unit_code');
    if (/^\d+$/.test(unit_code)) unit_code = unit_code.length <= 2 ? unit_code.padStart(2, '0') : unit_code.padStart(5, '0');
    out.push({
      unit_code, unit_name: get('unit_name'), year, indicator: def.code, comparator, target, unit: get('unit'), source_text: get('source_text'),
    });
  });
  return out;
}

/** Parse the targets CSV (UTF-8, with or without BOM); blank lines are kept so errors give the file's line. */
export function parseTargetsCsv(text: string): Target[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: false, transformHeader: targetHeader });
  return parseTargetsRows(parsed.data, parsed.meta.fields ?? []);
}

/** met / missed / undecided from the interval (or the value when there is none). */
function judge(t: Target, value: number, lower: number | null, upper: number | null): TargetStatus {
  const lo = lower ?? value;
  const hi = upper ?? value;
  const ok = (x: number) =>
    t.comparator === '<' ? x < t.target : t.comparator === '<=' ? x <= t.target : t.comparator === '>=' ? x >= t.target : x > t.target;
  if (ok(lo) && ok(hi)) return 'met';
  if (!ok(lo) && !ok(hi)) return 'missed';
  return 'undecided';
}

const NOTES: Record<TargetStatus, string> = {
  met: 'Đạt · met',
  missed: 'Không đạt · missed',
  undecided: 'Chưa kết luận được: khoảng tin cậy chứa mục tiêu · undecided: the interval straddles the target',
  no_data: 'Không có số liệu · no data',
};

/** First and last year of a period: '2024', or '2023-2025' when pooled; null for quarters and months. */
export function periodYears(period: string): [number, number] | null {
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(period);
  return m ? [Number(m[1]), Number(m[2] ?? m[1])] : null;
}

/**
 * The years a target judges this period's value per: k for a count summed over a pooled
 * window of k years (new acceptors, judged by its yearly average), else 1.
 */
export function yearsPerValue(indicator: string, period: string): number {
  const years = periodYears(period);
  const k = years ? years[1] - years[0] + 1 : 1;
  return k > 1 && indicatorByCode(indicator)?.pooledSum === true ? k : 1;
}

/**
 * Why a target has no result to rest on, when the results say: its unit is not in them at all
 * (another province's plan), its indicator was not computed for the unit, or no annual or
 * pooled period reaches back to the target year.
 */
function noDataReason(results: IndicatorResult[], t: Target): string {
  if (results.length === 0) return '';
  const mine = results.filter((r) => r.unit_code === t.unit_code);
  if (mine.length === 0) return `đơn vị ${t.unit_code} không có trong số liệu · unit ${t.unit_code} is not in the data`;
  if (!mine.some((r) => r.indicator === t.indicator)) return `chỉ tiêu ${t.indicator} chưa được tính cho đơn vị này · ${t.indicator} was not computed for this unit`;
  return `không có số liệu năm của đơn vị đến năm ${t.year} · no yearly data for the unit up to ${t.year}`;
}

/**
 * Status of each target from computed results (same indicator and unit). The target year's
 * value, or a pooled window ending in it; when the results do not reach the target year yet,
 * the latest period, labelled as such. A value the engine suppressed or could not compute is
 * "no data" with its reason, never replaced by an earlier year's. A count summed over a pooled
 * window (new acceptors) is judged by its yearly average, as a pooled rate is.
 */
export function evaluateTargets(results: IndicatorResult[], targets: Target[]): TargetEvaluation[] {
  return targets.map((t) => {
    // Annual and pooled periods only (sub-annual ones are not judged), ending by the target year.
    const candidates = results
      .filter((r) => r.indicator === t.indicator && r.unit_code === t.unit_code)
      .map((r) => ({ r, years: periodYears(r.period) }))
      .filter((c): c is { r: IndicatorResult; years: [number, number] } => c.years !== null && c.years[1] <= t.year)
      .sort((a, b) => b.years[1] - a.years[1]);
    const best = candidates[0];
    if (!best) {
      const why = noDataReason(results, t);
      const note = why ? `${NOTES.no_data} (${why})` : NOTES.no_data;
      return { ...t, status: 'no_data', period: null, latest: false, value: null, lower: null, upper: null, flag: '', note };
    }
    const { r, years } = best;
    const latest = years[1] !== t.year;
    const labels: string[] = [];
    if (latest) labels.push(`số liệu mới nhất ${r.period} · latest data ${r.period}`);
    if (r.value === null) {
      if (r.reason) labels.push(r.reason);
      const note = labels.length ? `${NOTES.no_data} (${labels.join('; ')})` : NOTES.no_data;
      return { ...t, status: 'no_data', period: r.period, latest, value: null, lower: null, upper: null, flag: r.flag, note };
    }
    const k = yearsPerValue(t.indicator, r.period);
    const scale = (x: number | null) => (x === null ? x : x / k);
    if (k > 1) labels.push(`trung bình năm của ${r.period} · yearly average of ${r.period}`);
    const value = scale(r.value)!;
    const status = judge(t, value, scale(r.lower), scale(r.upper));
    const note = labels.length ? `${NOTES[status]} (${labels.join('; ')})` : NOTES[status];
    return { ...t, status, period: r.period, latest, value, lower: scale(r.lower), upper: scale(r.upper), flag: r.flag, note };
  });
}

/** Where a workspace keeps the targets the analyst opened (beside settings.json). */
export const TARGETS_FILE = 'targets.json';

/** The bundled 2026 plans (shared/data/plan-targets-2026.csv). */
export function bundledTargets(): Target[] {
  return parseTargetsCsv(PLAN_TARGETS_2026_CSV);
}

/** A workspace's saved targets (targets.json: the opened file's name and rows); throws when they cannot be used. */
export function parseSavedTargets(bytes: Uint8Array): { file: string; targets: Target[] } {
  const saved = JSON.parse(new TextDecoder().decode(bytes)) as { file?: unknown; targets?: unknown };
  if (typeof saved.file !== 'string' || !Array.isArray(saved.targets)) throw new Error(`${TARGETS_FILE}: không đúng dạng · not in the expected form`);
  // Checked again as a file's rows would be (a hand-edited file, or one from another version).
  return { file: saved.file, targets: parseTargetsRows(saved.targets as Array<Record<string, unknown>>) };
}
