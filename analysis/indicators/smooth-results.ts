import { ASFR_CODES, indicatorByCode, type IndicatorDef } from './registry.js';
import { marshallGlobal } from './smoothing.js';
import { unitProvince } from './unit-province.js';
import type { WorkingResult } from './working.js';

/**
 * The count and base Marshall's formula shrinks for a row, and whether they are a share
 * (binomial chance variation), or null when it has none: rates their numerator over their
 * denominator (Poisson); proportions likewise, as shares; the SRB the boys among all births, a
 * share (boys per 100 girls is not a rate, and its small-commune noise is what smoothing is
 * for). A row without a value (not computable: no girl born, a file left out …) is neither
 * smoothed nor counted in its group's mean, whatever the indicator.
 */
function marshallTerms(def: IndicatorDef, r: WorkingResult): { n: number; x: number; share: boolean } | null {
  if (r.value === null || r.numerator === null || r.denominator === null) return null;
  if (def.code === 'srb') return { n: r.numerator, x: r.numerator + r.denominator, share: true };
  if (!(r.denominator > 0)) return null;
  if (def.kind === 'rate') return { n: r.numerator, x: r.denominator, share: false };
  if (def.kind === 'proportion') return { n: r.numerator, x: r.denominator, share: true };
  return null;
}

/** The indicator's value from a smoothed rate (per person): boys per 100 girls from a share of boys. */
function fromRate(def: IndicatorDef, p: number): number | null {
  if (def.code === 'srb') return p < 1 ? (100 * p) / (1 - p) : null;
  return p * (def.scale ?? 1);
}

/**
 * Empirical Bayes (Marshall, global) for the rates, proportions and SRB of communes and
 * villages: each unit shrinks toward the mean of the units of its level, province and period
 * (a workspace may hold two provinces); rates with Poisson chance variation (the formula of
 * shared/indicators.md), shares with binomial (smoothing.ts). A TFR's smoothed value is 5 ×
 * the sum of its smoothed age-specific rates, when all seven are among the rows
 * (computeIndicators adds them).
 * The province is its own mean; other indicators keep smoothed = null.
 */
export function smoothResults(rows: WorkingResult[]): WorkingResult[] {
  const groups = new Map<string, Array<{ r: WorkingResult; n: number; x: number; share: boolean }>>();
  const provinces = new Set(rows.filter((r) => r.level === 'province').map((r) => r.unit_code));
  const tfrs: WorkingResult[] = [];
  for (const r of rows) {
    const def = indicatorByCode(r.indicator);
    r.smoothed = null;
    if (!def) continue;
    if (def.kind === 'tfr') {
      if (r.value !== null && r.level === 'province') r.smoothed = r.value;
      else if (r.value !== null) tfrs.push(r);
      continue;
    }
    const t = marshallTerms(def, r);
    if (!t) continue;
    if (r.level === 'province') {
      r.smoothed = r.value;
      continue;
    }
    const key = `${r.indicator}|${r.level}|${r.period}|${unitProvince(r.unit_code, provinces)}`;
    const g = groups.get(key);
    if (g) g.push({ r, ...t });
    else groups.set(key, [{ r, ...t }]);
  }
  for (const g of groups.values()) {
    const def = indicatorByCode(g[0]!.r.indicator)!;
    const { smoothed } = marshallGlobal(g.map((e) => e.n), g.map((e) => e.x), g[0]!.share);
    g.forEach((e, i) => (e.r.smoothed = fromRate(def, smoothed[i]!)));
  }
  if (tfrs.length > 0) {
    // The smoothed ASFRs (per 1000) of each unit and period, youngest first.
    const unit = (r: WorkingResult) => `${r.level}|${r.unit_code}|${r.period}`;
    const asfrs = new Map<string, Array<number | null>>();
    for (const r of rows) {
      const i = ASFR_CODES.indexOf(r.indicator);
      if (i < 0) continue;
      let a = asfrs.get(unit(r));
      if (!a) asfrs.set(unit(r), (a = ASFR_CODES.map(() => null)));
      // An age group without women and without births adds 0, as in the raw TFR (registry.ts).
      a[i] = r.smoothed ?? (r.numerator === 0 && !(r.denominator !== null && r.denominator > 0) ? 0 : null);
    }
    for (const r of tfrs) {
      const a = asfrs.get(unit(r));
      r.smoothed = a && a.every((v) => v !== null) ? (5 * a.reduce((s: number, v) => s + v!, 0)) / 1000 : null;
    }
  }
  return rows;
}
