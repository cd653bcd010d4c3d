/**
 * One engine's part of bench:indicators, the same code under Node and in Chromium: build the
 * cube, compute every indicator for the province and every commune and year, then recompute
 * from the built cube (the views' case) RECOMPUTES times, and COLD_RECOMPUTES times with
 * nothing kept from the previous computation.
 */
import type { Engine } from '../../analysis/engine/engine.js';
import { forgetCubeDerived } from '../../analysis/indicators/cube-derived.js';
import { buildCube, computeIndicators, type IndicatorResult } from '../../analysis/indicators/index.js';

export const RECOMPUTES = 10;
export const COLD_RECOMPUTES = 5;

export interface RunFigures {
  cube: number;
  all: number;
  /** Recomputations from the built cube: the first one, the median and the best of RECOMPUTES. */
  first: number;
  recompute: number;
  best: number;
  /** Median recomputation with nothing kept from the previous one. */
  cold: number;
  cubeRows: number;
  years: string;
  rows: number;
  results: IndicatorResult[];
}

export const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return (sorted[(xs.length - 1) >> 1]! + sorted[xs.length >> 1]!) / 2;
};

export async function runIndicatorsBench(engine: Engine): Promise<RunFigures> {
  await engine.query('DROP TABLE IF EXISTS cube');
  const t0 = performance.now();
  const info = await buildCube(engine, { source: 'a0' });
  const t1 = performance.now();
  const results = await computeIndicators(engine, { source: 'a0', level: ['province', 'commune'] });
  const t2 = performance.now();
  // The first recomputation runs code not yet optimised by the JIT; then the median and best.
  const times: number[] = [];
  for (let i = 0; i < RECOMPUTES; i++) {
    const t = performance.now();
    await computeIndicators(engine, { source: 'a0', level: ['province', 'commune'] });
    times.push(performance.now() - t);
  }
  // What the first computation after a build pays (cube-derived.ts keeps the rest).
  const cold: number[] = [];
  for (let i = 0; i < COLD_RECOMPUTES; i++) {
    await forgetCubeDerived(engine);
    const t = performance.now();
    await computeIndicators(engine, { source: 'a0', level: ['province', 'commune'] });
    cold.push(performance.now() - t);
  }
  return {
    cube: t1 - t0,
    all: t2 - t0,
    first: times[0]!,
    recompute: median(times),
    best: Math.min(...times),
    cold: median(cold),
    cubeRows: info.rows,
    years: info.years?.join('–') ?? '',
    rows: results.length,
    results,
  };
}
