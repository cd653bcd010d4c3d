/** How aₓ (the mean years lived in the interval by those who die) is chosen. */
export type LifeTableMethod = 'cd' | 'chiang2';
export type LifeTableSex = 'M' | 'F' | 'T';

export interface LifeTableInput {
  /** Start ages of the groups, ascending; the last group is open (e.g. 0, 1, 5, …, 85). */
  ages: readonly number[];
  deaths: readonly number[];
  /** Average population (person-years) per group. */
  population: readonly number[];
  sex: LifeTableSex;
  method: LifeTableMethod;
  radix?: number;
  /** Normal quantile of the interval; 1.96 (95%) by default. */
  z?: number;
}

export interface LifeTableRow {
  age: number;
  /** Interval width; null for the open group. */
  n: number | null;
  deaths: number;
  population: number;
  m: number;
  a: number;
  q: number;
  l: number;
  d: number;
  L: number;
  T: number;
  e: number;
  /** Standard error of eₓ (Chiang, open group by Silcocks). */
  se: number;
  /** eₓ ∓ z·se, the interval of e₀'s for every age (set with se). */
  lower: number;
  upper: number;
}

export interface LifeTable {
  rows: LifeTableRow[];
  e0: number;
  se0: number;
  lower: number;
  upper: number;
  personYears: number;
  deaths: number;
}

/**
 * Coale–Demeny a₀ and a₁ (Preston, Heuveline & Guillot 2001, table 3.3); both sexes
 * together take the mean of the male and female values.
 */
export function coaleDemeny(m0: number, sex: LifeTableSex): { a0: number; a1: number } {
  const male = m0 < 0.107 ? { a0: 0.045 + 2.684 * m0, a1: 1.651 - 2.816 * m0 } : { a0: 0.33, a1: 1.352 };
  const female = m0 < 0.107 ? { a0: 0.053 + 2.8 * m0, a1: 1.522 - 1.518 * m0 } : { a0: 0.35, a1: 1.361 };
  if (sex === 'M') return male;
  if (sex === 'F') return female;
  return { a0: (male.a0 + female.a0) / 2, a1: (male.a1 + female.a1) / 2 };
}

/**
 * Abridged life table of shared/indicators.md. Returns null when it cannot be computed
 * (a group with no person-years, or an open group with no deaths: its L = l / m is infinite).
 */
export function lifeTable(input: LifeTableInput): LifeTable | null {
  const { ages, deaths, population, sex, method } = input;
  const radix = input.radix ?? 100_000;
  const k = ages.length;
  if (k < 2 || deaths.length !== k || population.length !== k) return null;
  if (population.some((p) => !(p > 0))) return null;
  const m = ages.map((_, i) => deaths[i]! / population[i]!);
  if (!(m[k - 1]! > 0)) return null;
  const cd = coaleDemeny(m[0]!, sex);
  const rows: LifeTableRow[] = [];
  let l = radix;
  for (let i = 0; i < k; i++) {
    const open = i === k - 1;
    const n = open ? null : ages[i + 1]! - ages[i]!;
    const mi = m[i]!;
    let a: number;
    if (open) a = 1 / mi;
    else if (method === 'chiang2') a = ages[i] === 0 ? 0.1 * n! : 0.5 * n!;
    else if (ages[i] === 0 && n === 1) a = cd.a0;
    else if (ages[i] === 1 && n === 4) a = cd.a1;
    else a = n! / 2;
    const q = open ? 1 : Math.min(1, (n! * mi) / (1 + (n! - a) * mi));
    const d = l * q;
    const L = open ? l / mi : n! * (l - d) + a * d;
    rows.push({ age: ages[i]!, n, deaths: deaths[i]!, population: population[i]!, m: mi, a, q, l, d, L, T: 0, e: 0, se: 0, lower: 0, upper: 0 });
    l -= d;
  }
  let T = 0;
  for (let i = k - 1; i >= 0; i--) {
    const r = rows[i]!;
    T += r.L;
    r.T = T;
    r.e = r.l > 0 ? T / r.l : 0;
  }
  // Chiang's variance; the open group's sampling variance 4 / (D·m²) is Silcocks et al.
  const W = rows.map((r, i) => {
    if (r.n === null) return r.deaths > 0 ? (r.l / 2) ** 2 * (4 / (r.deaths * r.m * r.m)) : 0;
    const sp = r.deaths > 0 ? (r.q * r.q * (1 - r.q)) / r.deaths : 0;
    const eNext = rows[i + 1]!.e;
    return sp * r.l * r.l * ((1 - r.a / r.n) * r.n + eNext) ** 2;
  });
  let sum = 0;
  for (let i = k - 1; i >= 0; i--) {
    sum += W[i]!;
    const r = rows[i]!;
    r.se = r.l > 0 ? Math.sqrt(sum) / r.l : 0;
  }
  // Chiang's method as published (and PHEindicatormethods) uses z = 1.96 for 95%.
  const z = input.z ?? 1.96;
  for (const r of rows) {
    r.lower = r.e - z * r.se;
    r.upper = r.e + z * r.se;
  }
  const first = rows[0]!;
  return {
    rows,
    e0: first.e,
    se0: first.se,
    lower: first.lower,
    upper: first.upper,
    personYears: population.reduce((s, p) => s + p, 0),
    deaths: deaths.reduce((s, p) => s + p, 0),
  };
}
