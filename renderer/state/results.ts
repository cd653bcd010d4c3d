import { useEffect, useReducer } from 'react';
import { computeIndicators, type IndicatorResult, type PeriodType } from '../../analysis/indicators/index.js';
import { push, ResultIndex } from './result-index.js';

export { endYear, ResultIndex, type UnitRef } from './result-index.js';
import { cubeYears } from '../../analysis/charts/view-data.js';
import { currentWorkspace, useSession } from './session.js';
import { setCubeProgress } from './cube-progress.js';
import { useSettings, type Settings } from './settings.js';

/** Years of results the views keep at hand (trend lines, sparklines, changes). */
const YEARS_SHOWN = 10;



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
