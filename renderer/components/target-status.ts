import { evaluateTargets, type IndicatorResult, type Target, type TargetEvaluation } from '../../analysis/indicators/index.js';
import { endYear } from '../state/results.js';

/**
 * The plan target of an indicator for a unit, judged on the value of the chosen year (the
 * target year has no data yet, so the latest shown period stands in, labelled as such).
 */
export function targetStatus(targets: Target[], series: IndicatorResult[], indicator: string, unit: string, year: number): TargetEvaluation | null {
  const target = targets.find((t) => t.indicator === indicator && t.unit_code === unit);
  if (!target) return null;
  const [evaluation] = evaluateTargets(series.filter((r) => endYear(r.period) <= year), [target]);
  return evaluation ?? null;
}

export function comparatorText(c: string): string {
  return c === '<=' ? '≤' : c === '>=' ? '≥' : c;
}
