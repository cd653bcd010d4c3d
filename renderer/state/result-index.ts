import { VILLAGE_SEPARATOR, type IndicatorResult } from '../../analysis/indicators/index.js';

export interface UnitRef {
  code: string;
  name: string;
  level: 'province' | 'commune' | 'village';
  /** A village's commune (its code's prefix). */
  commune?: string;
  /** A village's own name (`name` adds its commune's: villages' names repeat across communes). */
  shortName?: string;
}

/**
 * Every indicator for the province and every commune over the last years, indexed so that
 * switching unit, year or indicator is a map lookup (the views never query on a switch).
 */
export class ResultIndex {
  readonly years: number[];
  /**
   * The latest year with any computed value, the one shown by default: a year the data cover
   * only in part (registers exported in June) has every indicator not computable. A year some
   * communes have is kept (the province's card then says which commune it lacks).
   */
  readonly latestComputed: number | undefined;
  readonly province: UnitRef | null;
  readonly communes: UnitRef[];
  private readonly villagesBy = new Map<string, UnitRef[]>();
  private readonly byKey = new Map<string, IndicatorResult>();
  private readonly bySeries = new Map<string, IndicatorResult[]>();
  private readonly byAcross = new Map<string, IndicatorResult[]>();

  constructor(readonly results: IndicatorResult[]) {
    const years = new Set<number>();
    const computed = new Set<number>();
    const units = new Map<string, UnitRef>();
    for (const r of results) {
      const y = endYear(r.period);
      if (!Number.isFinite(y)) continue;
      years.add(y);
      if (r.value !== null) computed.add(y);
      if (!units.has(r.unit_code)) {
        const commune = r.level === 'village' ? r.unit_code.slice(0, r.unit_code.indexOf(VILLAGE_SEPARATOR)) : undefined;
        units.set(r.unit_code, { code: r.unit_code, name: r.unit_name, level: r.level, ...(commune ? { commune } : {}) });
      }
      this.byKey.set(`${r.indicator}|${r.unit_code}|${y}`, r);
      push(this.bySeries, `${r.indicator}|${r.unit_code}`, r);
      push(this.byAcross, `${r.indicator}|${r.level}|${y}`, r);
    }
    for (const list of this.bySeries.values()) list.sort((a, b) => endYear(a.period) - endYear(b.period));
    this.years = [...years].sort((a, b) => a - b);
    this.latestComputed = [...computed].sort((a, b) => a - b).at(-1);
    const all = [...units.values()];
    this.province = all.find((u) => u.level === 'province') ?? null;
    this.communes = all.filter((u) => u.level === 'commune').sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    const communeName = new Map(this.communes.map((c) => [c.code, c.name]));
    for (const v of all.filter((u) => u.level === 'village').sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }))) {
      push(this.villagesBy, v.commune!, { ...v, shortName: v.name, name: `${v.name}, ${communeName.get(v.commune!) ?? v.commune}` });
    }
  }

  /** A commune's villages, when the results hold them (Settings.villages). */
  villagesOf(commune: string): UnitRef[] {
    return this.villagesBy.get(commune) ?? [];
  }

  get(indicator: string, unit: string, year: number): IndicatorResult | undefined {
    return this.byKey.get(`${indicator}|${unit}|${year}`);
  }
  series(indicator: string, unit: string): IndicatorResult[] {
    return this.bySeries.get(`${indicator}|${unit}`) ?? [];
  }
  communesAt(indicator: string, year: number): IndicatorResult[] {
    return this.byAcross.get(`${indicator}|commune|${year}`) ?? [];
  }
  /** The unit of a code; a village whose rows are not loaded gives its commune, anything else the province. */
  unit(code: string | null): UnitRef | null {
    if (code === null || code === this.province?.code) return this.province;
    const sep = code.indexOf(VILLAGE_SEPARATOR);
    if (sep > 0) {
      const village = this.villagesOf(code.slice(0, sep)).find((v) => v.code === code);
      if (village) return village;
      code = code.slice(0, sep);
    }
    return this.communes.find((c) => c.code === code) ?? this.province;
  }
}

/** Append to the list under a key. */
export function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** The year a period ends in: '2024' → 2024, '2023-2025' → 2025. */
export function endYear(period: string): number {
  return Number(period.slice(-4));
}

/** The year shown: the chosen one when it has results, else the latest with a computed value. */
export function chosenYear(index: Pick<ResultIndex, 'years' | 'latestComputed'>, year: number | null): number {
  const last = index.latestComputed ?? index.years[index.years.length - 1] ?? 0;
  return year !== null && index.years.includes(year) ? year : last;
}
