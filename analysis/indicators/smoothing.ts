/**
 * Empirical Bayes smoothing of rates toward the global mean (Marshall 1991, global,
 * Poisson): shrinks small areas' noisy rates more than large areas' ones.
 * Returns smoothed rates (per person, not per 1000); areas with x = 0 get b.
 */
export function marshallGlobal(counts: readonly number[], populations: readonly number[]): { b: number; a: number; smoothed: number[] } {
  const m = counts.length;
  const sumN = counts.reduce((s, v) => s + v, 0);
  const sumX = populations.reduce((s, v) => s + v, 0);
  if (m === 0 || !(sumX > 0)) return { b: NaN, a: NaN, smoothed: counts.map(() => NaN) };
  const b = sumN / sumX;
  let s2 = 0;
  for (let i = 0; i < m; i++) {
    const x = populations[i]!;
    if (x > 0) s2 += x * (counts[i]! / x - b) ** 2;
  }
  s2 /= sumX;
  const a = Math.max(0, s2 - b / (sumX / m));
  const smoothed = counts.map((n, i) => {
    const x = populations[i]!;
    if (!(x > 0)) return b;
    const r = n / x;
    if (a === 0 && b === 0) return 0;
    return b + (a * (r - b)) / (a + b / x);
  });
  return { b, a, smoothed };
}
