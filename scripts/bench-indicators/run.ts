/**
 * One engine's part of bench:indicators, the same code under Node and in Chromium: build the
 * cube, compute every indicator for the province and every commune and year, then recompute
 * from the built cube (the views' case) RECOMPUTES times, and COLD_RECOMPUTES times with
 * nothing kept from the previous computation.
 */
import { queryRows, sqlString, type Engine } from '../../analysis/engine/engine.js';
import { forgetCubeDerived } from '../../analysis/indicators/cube-derived.js';
import { cubeChangesFor, noteCubeChanges, updateCubeUnlocked } from '../../analysis/indicators/cube/update.js';
import { buildCube, computeIndicators, type IndicatorResult } from '../../analysis/indicators/index.js';
import type { CanonicalTable } from '../../analysis/model/schema.js';

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
  /** One commune's export imported again: the cube updated (update.ts), then every indicator. */
  reimports: Reimport[];
  rows: number;
  results: IndicatorResult[];
}

export interface Reimport {
  what: string;
  /** Communes rebuilt (the one re-exported and those that look its rows up). */
  communes: number;
  /** Finding them, as the import does before and after replacing the rows. */
  note: number;
  /** The cube's update and every indicator from it. */
  update: number;
  all: number;
  /** Results that differ from those of a cube built whole afterwards. */
  differ: number;
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
  const commune = (await queryRows<{ c: string }>(engine, `SELECT min(commune_code) AS c FROM nhan_khau`))[0]!.c;
  const reimports = [
    await reimport(engine, 'births of one commune', 'sinh', `commune_code = ${sqlString(commune)} AND year(birth_date) = 2024`,
      `CASE sex WHEN 'M' THEN 'F' ELSE 'M' END AS sex`),
    await reimport(engine, 'register of one commune', 'nhan_khau', `commune_code = ${sqlString(commune)}`,
      `CASE WHEN hash(person_id) % 50 = 0 THEN birth_date - INTERVAL 1 YEAR ELSE birth_date END AS birth_date`),
  ];
  return {
    cube: t1 - t0,
    all: t2 - t0,
    first: times[0]!,
    recompute: median(times),
    best: Math.min(...times),
    cold: median(cold),
    cubeRows: info.rows,
    years: info.years?.join('–') ?? '',
    reimports,
    rows: results.length,
    results,
  };
}

/**
 * What an import of a corrected export does to the cube: the rows of `table` matching `where`
 * are replaced by themselves with `replace` (a SELECT * REPLACE item), the communes noted as the
 * importer notes them, the cube updated and every indicator computed; then a whole build
 * checks the results.
 */
async function reimport(engine: Engine, what: string, table: CanonicalTable, where: string, replace: string): Promise<Reimport> {
  const level: ['province', 'commune'] = ['province', 'commune'];
  await engine.query(`CREATE OR REPLACE TEMP TABLE _bench_export AS SELECT * REPLACE (${replace}) FROM ${table} WHERE ${where}`);
  const changes = (await cubeChangesFor(engine))!;
  const t0 = performance.now();
  await noteCubeChanges(engine, changes, table, `SELECT * FROM ${table} WHERE ${where}`);
  await noteCubeChanges(engine, changes, table, `SELECT * FROM _bench_export`);
  const note = performance.now() - t0;
  await engine.query(`DELETE FROM ${table} WHERE ${where}`);
  await engine.query(`INSERT INTO ${table} SELECT * FROM _bench_export`);
  await engine.query(`DROP TABLE _bench_export`);
  const t1 = performance.now();
  const how = await updateCubeUnlocked(engine, changes);
  if (how !== 'updated') throw new Error(`the cube was ${how}, not updated`);
  const t2 = performance.now();
  const results = await computeIndicators(engine, { source: 'a0', level });
  const t3 = performance.now();
  await buildCube(engine, { source: 'a0' });
  const whole = await computeIndicators(engine, { source: 'a0', level });
  const key = (r: IndicatorResult) => JSON.stringify([r.indicator, r.unit_code, r.period, r.value, r.lower, r.upper, r.flag]);
  const wholeKeys = new Set(whole.map(key));
  const differ = results.filter((r) => !wholeKeys.has(key(r))).length + Math.abs(results.length - whole.length);
  return { what, communes: changes.communes.size, note, update: t2 - t1, all: t3 - t1, differ };
}
