/**
 * Fewer people than this in the ages an index counts give no index: one person more at a
 * round age would move Whipple's by 5 points or more (17 people gave 0, as if no one heaped).
 */
export const MIN_HEAPING_PERSONS = 100;

/**
 * Age-reporting quality from counts by single year of age (counts[a] = people aged a).
 *
 * Whipple's index (ages 23–62, digits 0 and 5): 100 × people at ages 25, 30, …, 60 over
 * one fifth of people aged 23–62. 100 = no heaping, 500 = every age ends in 0 or 5.
 */
export function whipple(counts: ArrayLike<number>): number | null {
  let heaped = 0;
  let all = 0;
  for (let a = 23; a <= 62; a++) {
    const n = counts[a] ?? 0;
    all += n;
    if (a % 5 === 0) heaped += n;
  }
  return all < MIN_HEAPING_PERSONS ? null : (100 * heaped) / (all / 5);
}

/**
 * Myers' blended index (United Nations form, ages 10–99): for each terminal digit d the
 * sums over ages 10+d … 80+d and 20+d … 90+d, weighted d+1 and 9−d; the index is half the
 * sum of the absolute deviations of each digit's share (in %) from 10. 0 = no preference,
 * 90 = every age ends in the same digit.
 */
export function myers(counts: ArrayLike<number>): number | null {
  const blended: number[] = [];
  let total = 0;
  for (let d = 0; d <= 9; d++) {
    let s1 = 0;
    let s2 = 0;
    for (let k = 1; k <= 8; k++) s1 += counts[10 * k + d] ?? 0;
    for (let k = 2; k <= 9; k++) s2 += counts[10 * k + d] ?? 0;
    const b = (d + 1) * s1 + (9 - d) * s2;
    blended.push(b);
    total += b;
  }
  let persons = 0;
  for (let a = 10; a <= 99; a++) persons += counts[a] ?? 0;
  if (total === 0 || persons < MIN_HEAPING_PERSONS) return null;
  return blended.reduce((acc, b) => acc + Math.abs((100 * b) / total - 10), 0) / 2;
}
