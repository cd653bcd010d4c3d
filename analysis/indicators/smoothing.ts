/**
 * Empirical Bayes smoothing of rates toward the global mean (Marshall 1991, global,
 * Poisson): shrinks small areas' noisy rates more than large areas' ones.
 * Returns smoothed rates (per person, not per 1000); areas with x = 0 get b.
 * `binomial`: for a share of x (n ≤ x), chance varies as b(1 − b)/x rather than b/x. The
 * Poisson form overstates it by 1/(1 − b) (2× for the share of boys, 10× for a 90 %
 * coverage), which takes the areas' real differences for chance and shrinks them all to b.
 */
export function marshallGlobal(
  counts: readonly number[],
  populations: readonly number[],
  binomial = false,
): { b: number; a: number; smoothed: number[] } {
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
  // Within-area variance per unit of x: Poisson b, binomial b(1 − b) (Poisson again for a
  // "share" above 1, more persons checked than persons: not a binomial).
  const v = binomial && b < 1 ? b * (1 - b) : b;
  const a = Math.max(0, s2 - v / (sumX / m));
  const smoothed = counts.map((n, i) => {
    const x = populations[i]!;
    if (!(x > 0)) return b;
    const r = n / x;
    if (a === 0 && v === 0) return b;
    return b + (a * (r - b)) / (a + v / x);
  });
  return { b, a, smoothed };
}
