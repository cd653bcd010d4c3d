import { createNodeEngine } from '../engine/node.js';
import { nodeOffload } from './node-offload.js';
import { NodeStore } from './node-store.js';
import { KEY_FILE } from './manifest.js';
import { Workspace } from './workspace.js';

/** Open (or create) the workspace folder `dir` with a fresh Node duckdb-wasm engine. */
export async function openNodeWorkspace(dir: string): Promise<Workspace> {
  const store = new NodeStore(dir);
  await store.removeTemporaries();
  const ws = await Workspace.open(store, await createNodeEngine());
  // The key exists once the workspace is open (a new one gets its key there).
  const offload = nodeOffload((await store.read(KEY_FILE))!);
  ws.hashHelper = offload.hashHelper;
  ws.sliceScan = offload.sliceScan;
  return ws;
}
