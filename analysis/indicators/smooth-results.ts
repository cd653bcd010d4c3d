import { indicatorByCode } from './registry.js';
import { marshallGlobal } from './smoothing.js';
import { unitProvince } from './unit-province.js';
import type { WorkingResult } from './working.js';

/**
 * Empirical Bayes (Marshall, global) for rates and proportions of communes and villages:
 * each unit shrinks toward the mean of the units of its level, province and period (a
 * workspace may hold two provinces).
 * The province is its own mean; indicators that are not num/den keep smoothed = null.
 */
export function smoothResults(rows: WorkingResult[]): WorkingResult[] {
  const groups = new Map<string, WorkingResult[]>();
  const provinces = new Set(rows.filter((r) => r.level === 'province').map((r) => r.unit_code));
  for (const r of rows) {
    const def = indicatorByCode(r.indicator);
    r.smoothed = null;
    if (!def || (def.kind !== 'rate' && def.kind !== 'proportion')) continue;
    if (r.value === null || r.numerator === null || !(r.denominator !== null && r.denominator > 0)) continue;
    if (r.level === 'province') {
      r.smoothed = r.value;
      continue;
    }
    const key = `${r.indicator}|${r.level}|${r.period}|${unitProvince(r.unit_code, provinces)}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  for (const g of groups.values()) {
    const scale = indicatorByCode(g[0]!.indicator)!.scale ?? 1;
    const { smoothed } = marshallGlobal(g.map((r) => r.numerator!), g.map((r) => r.denominator!));
    g.forEach((r, i) => (r.smoothed = smoothed[i]! * scale));
  }
  return rows;
}
