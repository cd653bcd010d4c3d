import { useEffect, useReducer } from 'react';
import { computeIndicators, VILLAGE_SEPARATOR, type IndicatorResult, type PeriodType } from '../../analysis/indicators/index.js';
import { cubeYears } from '../../analysis/charts/view-data.js';
import { currentWorkspace, useSession } from './session.js';
import { setCubeProgress } from './cube-progress.js';
import { useSettings, type Settings } from './settings.js';

/** Years of results the views keep at hand (trend lines, sparklines, changes). */
const YEARS_SHOWN = 10;

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
  readonly province: UnitRef | null;
  readonly communes: UnitRef[];
  private readonly villagesBy = new Map<string, UnitRef[]>();
  private readonly byKey = new Map<string, IndicatorResult>();
  private readonly bySeries = new Map<string, IndicatorResult[]>();
  private readonly byAcross = new Map<string, IndicatorResult[]>();

  constructor(readonly results: IndicatorResult[]) {
    const years = new Set<number>();
    const units = new Map<string, UnitRef>();
    for (const r of results) {
      const y = endYear(r.period);
      if (!Number.isFinite(y)) continue;
      years.add(y);
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

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** The year a period ends in: '2024' → 2024, '2023-2025' → 2025. */
export function endYear(period: string): number {
  return Number(period.slice(-4));
}


interface Entry<T> {
  value?: T;
  error?: string;
  promise: Promise<void>;
}
const cache = new Map<string, Entry<unknown>>();
const listeners = new Set<() => void>();

/**
 * A memo of async reads of the open workspace, keyed by data revision and options: a
 * second read of the same key is synchronous.
 */
export function cached<T>(key: string, compute: () => Promise<T>): Entry<T> {
  let e = cache.get(key) as Entry<T> | undefined;
  if (!e) {
    const entry: Entry<T> = { promise: Promise.resolve() };
    entry.promise = compute().then(
      (v) => void (entry.value = v),
      (err: unknown) => void (entry.error = err instanceof Error ? err.message : String(err)),
    ).finally(() => {
      for (const l of listeners) l();
    });
    cache.set(key, entry as Entry<unknown>);
    e = entry;
  }
  return e;
}

export type Loaded<T> = { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; value: T };

/** Read a cached value in a component; re-renders when it resolves. */
export function useCached<T>(key: string | null, compute: () => Promise<T>): Loaded<T> {
  const [, tick] = useReducer((x: number) => x + 1, 0);
  useEffect(() => {
    listeners.add(tick);
    return () => void listeners.delete(tick);
  }, []);
  if (key === null) return { status: 'loading' };
  const e = cached(key, compute);
  if (e.error !== undefined) return { status: 'error', error: e.error };
  if (e.value !== undefined) return { status: 'ready', value: e.value };
  return { status: 'loading' };
}

/** A computation whose cube build, if it starts one, shows its progress in the views' frame. */
async function showingCubeProgress<T>(run: (onCubeProgress: (done: number, total: number) => void) => Promise<T>): Promise<T> {
  try {
    return await run((done, total) => setCubeProgress({ done, total }));
  } finally {
    setCubeProgress(null);
  }
}

/** Compute every indicator once per (data revision, pooling, life-table method, villages). */
export async function loadResults(s: Pick<Settings, 'pool' | 'lifeTable' | 'villages'>): Promise<ResultIndex> {
  const engine = currentWorkspace().engine;
  let span: [number, number] | null = null;
  try {
    span = await cubeYears(engine);
  } catch {
    // No cube yet: computing one indicator builds it.
  }
  if (!span) {
    // The cube is built now (seconds for a large province).
    await showingCubeProgress((onCubeProgress) => computeIndicators(engine, { indicators: ['population'], level: 'province', years: [0, 0], onCubeProgress }));
    span = await cubeYears(engine);
  }
  if (!span) return new ResultIndex([]);
  const first = Math.max(span[0], span[1] - YEARS_SHOWN + 1);
  // Villages' cube rows are built on their first request.
  const results = await showingCubeProgress((onCubeProgress) =>
    computeIndicators(engine, {
      level: s.villages ? ['province', 'commune', 'village'] : ['province', 'commune'], years: [first, span[1]], pool: s.pool, smooth: 'eb', lifeTable: s.lifeTable,
      onCubeProgress,
    }),
  );
  // Keep a cube built just now in the workspace: the next opening reads it instead of the registers.
  void currentWorkspace()
    .saveChanges()
    .catch((e: unknown) => console.warn('could not save the cube', e));
  return new ResultIndex(results);
}

/** Quarterly or monthly series of the indicators made of flows, by indicator and unit. */
export class SubAnnualIndex {
  private readonly bySeries = new Map<string, IndicatorResult[]>();
  constructor(results: IndicatorResult[]) {
    for (const r of results) if (r.level !== 'village') push(this.bySeries, `${r.indicator}|${r.unit_code}`, r);
    for (const list of this.bySeries.values()) list.sort((a, b) => a.period.localeCompare(b.period));
  }
  series(indicator: string, unit: string): IndicatorResult[] {
    return this.bySeries.get(`${indicator}|${unit}`) ?? [];
  }
}

/** Every sub-annual indicator by quarter or month (null: by year, nothing to load). */
export function useSubAnnualResults(pt: PeriodType): Loaded<SubAnnualIndex> {
  const session = useSession();
  const key = session.status === 'ready' && pt !== 'year' ? `sub|${session.name}|${session.revision}|${pt}` : null;
  return useCached(key, async () =>
    new SubAnnualIndex(await computeIndicators(currentWorkspace().engine, { periodType: pt, level: ['province', 'commune'] })),
  );
}

/** The results for the current workspace and settings. */
export function useResults(): Loaded<ResultIndex> {
  const session = useSession();
  const s = useSettings();
  const key = session.status === 'ready' ? `results|${session.name}|${session.revision}|${s.pool}|${s.lifeTable}|${s.villages}` : null;
  return useCached(key, () => loadResults(s));
}
