import Papa from 'papaparse';
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

/** Numbers as plans write them: "72,4" or "72.4"; "94.323" with a thousands dot is not expected here. */
function parseNumber(s: string): number {
  const t = s.trim().replace(/\s/g, '').replace('≤', '').replace('≥', '');
  return Number(/^-?\d+,\d+$/.test(t) ? t.replace(',', '.') : t);
}

/** Targets from rows with the CSV's column names (CSV or a worksheet read as objects). */
export function parseTargetsRows(rows: Array<Record<string, unknown>>): Target[] {
  const out: Target[] = [];
  rows.forEach((raw, i) => {
    const get = (k: string) => String(raw[k] ?? '').trim();
    if (Object.values(raw).every((v) => String(v ?? '').trim() === '')) return;
    const comparator = get('comparator').replace('≤', '<=').replace('≥', '>=') as Target['comparator'];
    const target = parseNumber(get('target'));
    const year = Number(get('year'));
    const where = `dòng ${i + 2} · row ${i + 2}`;
    if (!COMPARATORS.includes(comparator)) throw new Error(`${where}: phép so sánh không hợp lệ · bad comparator "${get('comparator')}"`);
    if (!Number.isFinite(target)) throw new Error(`${where}: giá trị mục tiêu không hợp lệ · bad target "${get('target')}"`);
    if (!Number.isInteger(year)) throw new Error(`${where}: năm không hợp lệ · bad year "${get('year')}"`);
    let unit_code = get('unit_code');
    if (/^\d+$/.test(unit_code)) unit_code = unit_code.length <= 2 ? unit_code.padStart(2, '0') : unit_code.padStart(5, '0');
    out.push({
      unit_code, unit_name: get('unit_name'), year, indicator: get('indicator'), comparator, target, unit: get('unit'), source_text: get('source_text'),
    });
  });
  return out;
}

/** Parse the targets CSV (UTF-8, with or without BOM). */
export function parseTargetsCsv(text: string): Target[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true, transformHeader: (h) => h.trim() });
  return parseTargetsRows(parsed.data);
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

/** Status of each target from computed results (same indicator and unit). */
export function evaluateTargets(results: IndicatorResult[], targets: Target[]): TargetEvaluation[] {
  return targets.map((t) => {
    const candidates = results.filter((r) => r.indicator === t.indicator && r.unit_code === t.unit_code && r.value !== null);
    const exact = candidates.find((r) => r.period === String(t.year));
    const latest = exact
      ? undefined
      : candidates.filter((r) => Number(r.period.slice(-4)) <= t.year).sort((a, b) => b.period.slice(-4).localeCompare(a.period.slice(-4)))[0];
    const r = exact ?? latest;
    if (!r || r.value === null) {
      return { ...t, status: 'no_data', period: null, latest: false, value: null, lower: null, upper: null, flag: '', note: NOTES.no_data };
    }
    const status = judge(t, r.value, r.lower, r.upper);
    const note = exact ? NOTES[status] : `${NOTES[status]} (số liệu mới nhất ${r.period} · latest data ${r.period})`;
    return { ...t, status, period: r.period, latest: !exact, value: r.value, lower: r.lower, upper: r.upper, flag: r.flag, note };
  });
}
