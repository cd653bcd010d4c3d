import { evaluateTargets, periodYears, yearsPerValue, type IndicatorDef, type IndicatorResult, type Target, type TargetEvaluation } from '../../analysis/indicators/index.js';
import type { Lang } from '../i18n/format.js';
import { formatValue, periodText } from './indicator-format.js';

/**
 * The target of an indicator for a unit that a year's value is measured against: the plan's
 * first target year from that year on (a 2026 target for 2025's data), else its last one.
 */
export function targetFor(targets: Target[], indicator: string, unit: string | undefined, year: number): Target | undefined {
  const mine = targets.filter((t) => t.indicator === indicator && t.unit_code === unit).sort((a, b) => a.year - b.year);
  return mine.find((t) => t.year >= year) ?? mine[mine.length - 1];
}

/**
 * A target as a line beside values pooled over `pool` years: a count summed over the window
 * (new acceptors) is drawn against the window's total of yearly targets; rates and stocks as they are.
 */
export function pooledTarget(def: IndicatorDef, pool: number, target: Target | undefined): number | undefined {
  if (!target) return undefined;
  return def.pooledSum && pool > 1 ? target.target * pool : target.target;
}

/**
 * The plan target of an indicator for a unit, judged on the value of the chosen year (the
 * target year has no data yet, so the latest shown period stands in, labelled as such).
 */
export function targetStatus(targets: Target[], series: IndicatorResult[], indicator: string, unit: string, year: number): TargetEvaluation | null {
  const target = targetFor(targets, indicator, unit, year);
  if (!target) return null;
  const [evaluation] = evaluateTargets(series.filter((r) => (periodYears(r.period)?.[1] ?? Infinity) <= year), [target]);
  return evaluation ?? null;
}

/**
 * What a target's status rests on, when the reader could not tell it from the card: the
 * period, when it is not the target's own year (the latest data standing in, a pooled window)
 * or not the period shown beside it (a past year's target); and a pooled count's yearly
 * average. Empty when the status rests on the shown value of the target year, or on nothing.
 */
export function targetBasis(
  def: IndicatorDef,
  target: TargetEvaluation,
  shownPeriod: string | undefined,
  lang: Lang,
  text: { latestData: string; yearlyAverage: string },
): string {
  if (!target.period || target.status === 'no_data') return '';
  const period = periodText(target.period);
  const other = target.period !== String(target.year) || (shownPeriod !== undefined && target.period !== shownPeriod);
  const yearly = target.value !== null && yearsPerValue(def.code, target.period) > 1 ? `${text.yearlyAverage} ${formatValue(def, target.value, lang)}` : '';
  return [other ? `${text.latestData} ${period}` : '', yearly].filter(Boolean).join('; ');
}

export function comparatorText(c: string): string {
  return c === '<=' ? '≤' : c === '>=' ? '≥' : c;
}
