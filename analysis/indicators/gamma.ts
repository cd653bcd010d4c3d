import gammaln from '@stdlib/math-base-special-gammaln';

/**
 * The regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x), by the series
 * below a + 1 and the continued fraction (modified Lentz) above it, both with the prefactor
 * taken in logarithms (Numerical Recipes, 3rd ed., §6.2). Written here because stdlib's
 * gammainc, and the χ² quantile built on it, are off by 2·10⁻⁴ in P near a = 2,000, x > a
 * (checked against mpmath): the exact Poisson upper bound of 2,243 births came out 0.16 high.
 */
export function regularizedGamma(a: number, x: number): { p: number; q: number } {
  if (!(a > 0) || !(x >= 0)) return { p: NaN, q: NaN };
  if (x === 0) return { p: 0, q: 1 };
  const logPrefix = a * Math.log(x) - x - gammaln(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 100_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    const p = sum * Math.exp(logPrefix);
    return { p, q: 1 - p };
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const q = Math.exp(logPrefix) * h;
  return { p: 1 - q, q };
}

/**
 * x with P(a, x) = p, refined by Newton's method from a close first guess (stdlib's quantile):
 * the tail that is small is matched (Q for p > ½) so that neither loses digits to 1 − p.
 */
export function refineGammaQuantile(a: number, p: number, guess: number): number {
  let x = guess;
  const upper = p > 0.5;
  for (let i = 0; i < 50 && x > 0; i++) {
    const g = regularizedGamma(a, x);
    // P(a, x) − p, from whichever tail keeps its digits; its derivative is the density.
    const f = upper ? 1 - p - g.q : g.p - p;
    const density = Math.exp((a - 1) * Math.log(x) - x - gammaln(a));
    if (!(density > 0)) break;
    const next = x - f / density;
    if (!(next > 0)) break;
    if (Math.abs(next - x) <= 1e-14 * x) return next;
    x = next;
  }
  return x;
}
