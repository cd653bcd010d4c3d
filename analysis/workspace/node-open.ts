import { createNodeEngine } from '../engine/node.js';
import { nodeOffload } from './node-offload.js';
import { NodeStore } from './node-store.js';
import { Workspace } from './workspace.js';

/** Open (or create) the workspace folder `dir` with a fresh Node duckdb-wasm engine. */
export async function openNodeWorkspace(dir: string): Promise<Workspace> {
  const store = new NodeStore(dir);
  await store.removeTemporaries();
  return Workspace.open(store, await createNodeEngine(), nodeOffload);
}
