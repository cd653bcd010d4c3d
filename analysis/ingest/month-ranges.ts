/**
 * Months ('YYYY-MM') as runs of consecutive months: '2021-01–2025-12' for a commune with no
 * data at all reads better than sixty months one by one. Order and duplicates do not matter.
 */
export function monthRanges(months: readonly string[]): string[] {
  const ordinal = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const sorted = [...new Set(months)].filter((m) => /^\d{4}-\d{2}$/.test(m)).sort();
  const out: string[] = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && ordinal(sorted[i]!) === ordinal(sorted[i - 1]!) + 1) continue;
    out.push(i - 1 === start ? sorted[start]! : `${sorted[start]!}–${sorted[i - 1]!}`);
    start = i;
  }
  return out;
}
