// bench:indicators' page: the app's own engine (renderer/engine.ts: duckdb-wasm in a Web
// Worker, as in Electron's renderer) on the synthetic province, timed by the shared run.
import { createEngine } from '../../renderer/engine.js';
import { syntheticSql } from '../synthetic-province.js';
import { runIndicatorsBench, type RunFigures } from './run.js';

declare global {
  interface Window {
    benchIndicators: (persons: number) => Promise<RunFigures & { data: number }>;
  }
}

window.benchIndicators = async (persons) => {
  const engine = await createEngine();
  try {
    const t = performance.now();
    for (const sql of syntheticSql(persons)) await engine.query(sql);
    const data = performance.now() - t;
    return { ...(await runIndicatorsBench(engine)), data };
  } finally {
    await engine.close();
  }
};
