/** One computed indicator value, as every view, the CLI and the briefing read it. */
export type ResultFlag = '' | 'unreliable' | 'suppressed' | 'not_computable';
export type UnitLevel = 'province' | 'commune' | 'village';

export interface IndicatorResult {
  indicator: string;
  unit_code: string;
  unit_name: string;
  level: UnitLevel;
  /** '2024', or '2023-2025' when pooled; '2024-Q2' / '2024-05' for sub-annual flows. */
  period: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  numerator: number | null;
  denominator: number | null;
  /** The count the interval rests on (e.g. births for TFR). */
  events: number | null;
  flag: ResultFlag;
  /** Why a value is suppressed or not computable (Vietnamese · English). */
  reason?: string;
  /** Empirical-Bayes smoothed value, when smoothing is on. */
  smoothed?: number | null;
}
