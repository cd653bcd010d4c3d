import { indicatorByCode } from './registry.js';
import { normal } from './intervals.js';
import { UNRELIABLE_EVENTS, unreliableReason, type WorkingResult } from './working.js';

/**
 * Changes (srb_change, cbr_change): value(t) − value(t − 1), where t − 1 is the window just
 * before (the previous year, or the previous k years when pooled, so the two do not overlap).
 * Normal interval with Var = se(t)² + se(t − 1)².
 */
export function addChanges(rows: WorkingResult[], wanted: string[]): WorkingResult[] {
  const out = [...rows];
  for (const code of wanted) {
    const def = indicatorByCode(code);
    if (!def || def.kind !== 'change' || !def.of) continue;
    // Only the rows of the indicator whose change this is (thousands, not every result).
    const of = rows.filter((r) => r.indicator === def.of);
    const byKey = new Map(of.map((r) => [`${r.level}|${r.unit_code}|${r.end_year}`, r]));
    for (const cur of of) {
      const prev = byKey.get(`${cur.level}|${cur.unit_code}|${cur.end_year - cur.k}`);
      const r: WorkingResult = {
        indicator: code, unit_code: cur.unit_code, unit_name: cur.unit_name, level: cur.level, period: cur.period,
        value: null, lower: null, upper: null, numerator: null, denominator: null, events: null, flag: '',
        end_year: cur.end_year, k: cur.k, rank: cur.rank,
      };
      if (!prev) {
        r.flag = 'not_computable';
        r.reason = 'Không có số liệu kỳ trước · no data for the previous period';
      } else if (cur.value === null || prev.value === null || cur.se == null || prev.se == null) {
        r.flag = 'not_computable';
        r.reason = cur.reason ?? prev.reason ?? 'Không tính được giá trị một trong hai kỳ · one of the two periods cannot be computed';
      } else {
        r.value = cur.value - prev.value;
        r.se = Math.sqrt(cur.se ** 2 + prev.se ** 2);
        const ci = normal(r.value, r.se);
        r.lower = ci.lower;
        r.upper = ci.upper;
        r.events = (cur.events ?? 0) + (prev.events ?? 0);
        // The previous period's value is the reference the change is measured from.
        r.numerator = cur.value;
        r.denominator = prev.value;
        const fewest = Math.min(cur.events ?? 0, prev.events ?? 0);
        if (fewest < UNRELIABLE_EVENTS) {
          r.flag = 'unreliable';
          r.reason = unreliableReason(fewest);
        }
      }
      out.push(r);
    }
  }
  return out;
}
