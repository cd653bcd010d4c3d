import type { IndicatorDef, IndicatorResult } from '../../analysis/indicators/index.js';
import { formatNumber, type Lang } from '../i18n/format.js';
import { tv } from '../i18n/views-messages.js';

/** The indicator's unit in the language: %, ‰ stick to the number; words follow it. */
export function unitText(def: IndicatorDef, lang: Lang): string {
  return lang === 'vi' ? def.unitVi : def.unit;
}

/**
 * The unit of a difference between two values, as the change indicators write it: points of a
 * percentage or per-mille rate ("điểm ‰", as cbr_change), points of a ratio per 100 (SRB,
 * as srb_change); other units (children per woman, years, persons) as they are.
 */
export function changeUnitText(def: IndicatorDef, lang: Lang): string {
  const u = unitText(def, lang);
  if (u === '%' || u === '‰') return lang === 'vi' ? `điểm ${u}` : `${u} points`;
  if (def.kind === 'ratio' && def.unit.includes('per 100')) return lang === 'vi' ? 'điểm' : 'points';
  return u;
}

export function indicatorName(def: IndicatorDef, lang: Lang): string {
  return lang === 'vi' ? def.nameVi : def.nameEn;
}

/** 72,4 năm · 1,2% · 94.323 người */
export function formatValue(def: IndicatorDef, value: number | null | undefined, lang: Lang): string {
  const s = formatNumber(value, lang, def.decimals);
  if (s === '—') return s;
  const u = unitText(def, lang);
  return u === '%' || u === '‰' ? `${s}${u}` : `${s} ${u}`;
}

/** "(70,7–75,7)" or '' when there is no interval. */
export function formatInterval(def: IndicatorDef, r: Pick<IndicatorResult, 'lower' | 'upper'> | undefined, lang: Lang): string {
  if (!r || r.lower == null || r.upper == null) return '';
  // Spaced when a bound is negative: "−4,48 – −0,03", not "−4,48–−0,03" (as the charts write it).
  return `${formatNumber(r.lower, lang, def.decimals)}${r.lower < 0 ? ' – ' : '–'}${formatNumber(r.upper, lang, def.decimals)}`;
}

/**
 * A result's period as the views write it: a pooled window with an en dash ("2023–2025");
 * the data and exported files keep the CLI's "2023-2025". Years, quarters and months as they are.
 */
export function periodText(period: string): string {
  return /^\d{4}-\d{4}$/.test(period) ? period.replace('-', '–') : period;
}

/** +0,3 / −1,2 with the sign always shown. */
export function formatSigned(value: number | null | undefined, lang: Lang, decimals: number): string {
  if (value == null || !Number.isFinite(value)) return '—';
  // Round first so that −0,04 shows as 0,0 rather than −0,0.
  const r = Number(value.toFixed(decimals));
  const s = formatNumber(Math.abs(r), lang, decimals);
  return r > 0 ? `+${s}` : r < 0 ? `−${s}` : s;
}

/**
 * The engine writes its reasons in both languages, "Vietnamese · English": the half of the
 * UI's language (the whole text when it has no such separator).
 */
export function inLanguage(text: string | undefined, lang: Lang): string {
  if (!text) return '';
  const i = text.indexOf(' · ');
  if (i < 0) return text;
  return lang === 'vi' ? text.slice(0, i) : text.slice(i + 3);
}

/** "Không hiển thị: <reason>" for a suppressed or not computable result; '' otherwise. */
export function flagText(r: Pick<IndicatorResult, 'flag' | 'reason'> | undefined, lang: Lang): string {
  if (r?.flag !== 'suppressed' && r?.flag !== 'not_computable') return '';
  return `${tv(r.flag === 'suppressed' ? 'suppressed' : 'notComputable', lang)}: ${inLanguage(r.reason, lang)}`;
}

/** Result rows with the smoothed value in place of the raw one (no interval for it). */
export function asSmoothed(rows: IndicatorResult[]): IndicatorResult[] {
  return rows.map((r) => (r.smoothed == null ? r : { ...r, value: r.smoothed, lower: null, upper: null }));
}

/**
 * Whether smoothing gave every smoothed commune the same value while their raw values differ:
 * Marshall's between-commune variance came out 0, their differences being within chance at
 * their numbers (the view says so rather than show a row of identical values unexplained).
 * Raw values already equal (0 child marriages everywhere) say nothing about chance.
 */
export function smoothedAllEqual(rows: IndicatorResult[]): boolean {
  const smoothed = rows.filter((r) => r.smoothed != null && Number.isFinite(r.smoothed) && r.value !== null);
  const same = (v: number[]) => v.every((x) => Math.abs(x - v[0]!) <= 1e-9 * Math.max(1, Math.abs(v[0]!)));
  return smoothed.length > 1 && same(smoothed.map((r) => r.smoothed!)) && !same(smoothed.map((r) => r.value!));
}
