import type { Engine } from './engine.js';

const tails = new WeakMap<Engine, Promise<unknown>>();

/**
 * Run `fn` alone on this engine. Multi-statement workflows (an import's transaction, the
 * cube build and the indicator temp tables) must not interleave with another caller's
 * statements, which happens in the browser, where the engine is asynchronous. Not
 * re-entrant: call it only at the top of such a workflow.
 */
export function exclusive<T>(engine: Engine, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(engine) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  tails.set(
    engine,
    run.catch(() => undefined),
  );
  return run;
}
