import chisqQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { refineGammaQuantile } from './gamma.js';

/** How a 95% interval is computed (shared/indicators.md, last column). */
export type IntervalMethod = 'none' | 'poisson' | 'wilson' | 'srb_wilson' | 'normal' | 'chiang';

export interface Interval {
  lower: number;
  upper: number;
}

/** z for a two-sided interval of the given confidence (1.959963985 for 95%). */
export function zFor(confidence = 0.95): number {
  // Every interval of a recomputation asks for the same z: an inverse erf each time adds up.
  if (confidence === 0.95) return (Z95 ??= normalQuantile(0.975, 0, 1));
  return normalQuantile(1 - (1 - confidence) / 2, 0, 1);
}
let Z95: number | undefined;

/** Exact Poisson interval on a count n (Garwood): χ²(α/2, 2n)/2 … χ²(1−α/2, 2n+2)/2. */
export function poissonCount(n: number, confidence = 0.95): Interval {
  const c = cachedPoisson(n, confidence);
  return { lower: c.lower, upper: c.upper };
}

/** The cached interval itself (callers must not change it). */
function cachedPoisson(n: number, confidence: number): Readonly<Interval> {
  // Counts repeat across units and years: each χ² quantile is an iterative inversion.
  let cache = POISSON_CACHE.get(confidence);
  if (!cache) POISSON_CACHE.set(confidence, (cache = new Map()));
  const hit = cache.get(n);
  if (hit) return hit;
  const alpha = 1 - confidence;
  // The χ² quantiles are Gamma(n) and Gamma(n + 1) quantiles × 2; stdlib's is only a first
  // guess (0.16 too high on the upper bound of 2,243 events), refined on an exact P (gamma.ts).
  const lower = n <= 0 ? 0 : refineGammaQuantile(n, alpha / 2, chisqQuantile(alpha / 2, 2 * n) / 2);
  const upper = refineGammaQuantile(n + 1, 1 - alpha / 2, chisqQuantile(1 - alpha / 2, 2 * n + 2) / 2);
  if (cache.size > 100_000) cache.clear();
  const c = { lower, upper };
  cache.set(n, c);
  return c;
}
const POISSON_CACHE = new Map<number, Map<number, Interval>>();

/** Exact Poisson interval on a rate n / denominator × scale. */
export function poissonRate(n: number, denominator: number, scale: number, confidence = 0.95): Interval | null {
  if (!(denominator > 0)) return null;
  const c = cachedPoisson(n, confidence);
  return { lower: (c.lower / denominator) * scale, upper: (c.upper / denominator) * scale };
}

/** Wilson score interval on a proportion x / n (returned as proportions). */
export function wilson(x: number, n: number, confidence = 0.95): Interval | null {
  if (!(n > 0)) return null;
  const z = zFor(confidence);
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At x = 0 and x = n the bounds are exactly 0 and 1; say so instead of rounding noise.
  return { lower: x <= 0 ? 0 : Math.max(0, centre - half), upper: x >= n ? 1 : Math.min(1, centre + half) };
}

/** SRB interval: Wilson on p = M / (M + F), mapped by 100·p / (1 − p). */
export function srbWilson(boys: number, girls: number, confidence = 0.95): Interval | null {
  const w = wilson(boys, boys + girls, confidence);
  if (!w) return null;
  const map = (p: number) => (p >= 1 ? Number.POSITIVE_INFINITY : (100 * p) / (1 - p));
  return { lower: map(w.lower), upper: map(w.upper) };
}

/** Normal interval value ± z·se. */
export function normal(value: number, se: number, confidence = 0.95): Interval {
  const z = zFor(confidence);
  return { lower: value - z * se, upper: value + z * se };
}
