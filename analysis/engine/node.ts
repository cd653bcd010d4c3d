import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { COMPRESSED_MEMORY_SQL, tableFromResultBytes, type Engine } from './engine.js';

const require = createRequire(import.meta.url);

/** duckdb-wasm in Node through its blocking bindings: used by the CLI, tests and benchmarks. */
export async function createNodeEngine(): Promise<Engine> {
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm'));
  const bundles: duckdb.DuckDBBundles = {
    mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate(() => {});
  db.open({});
  const conn = db.connect();
  const id = conn.useUnsafe((_bindings, connId) => connId);
  db.runQuery(id, COMPRESSED_MEMORY_SQL);
  let closed = false;
  const engine: Engine = {
    async query(sql) {
      if (closed) throw new Error('engine closed');
      return tableFromResultBytes(db.runQuery(id, sql));
    },
    async insertArrowIPC(table, ipc, options) {
      db.insertArrowFromIPCStream(id, ipc, { name: table, create: options?.create ?? true });
    },
    async registerFile(name, bytes) {
      db.registerFileBuffer(name, bytes);
    },
    async dropFile(name) {
      db.dropFile(name);
    },
    async fileBytes(name) {
      return db.copyFileToBuffer(name);
    },
    async close() {
      if (closed) return;
      closed = true;
      conn.close();
      db.reset();
    },
  };
  return engine;
}
