// Worker thread of node-hasher.ts: computes pseudonyms (ingest/pseudonym.ts) off the main
// thread. Plain JS that loads the TypeScript through tsx, as bin/danso.mjs does.
import { register } from 'tsx/esm/api';
import { parentPort, workerData } from 'node:worker_threads';

register();
const { makePseudonymiser } = await import('../ingest/pseudonym.ts');
const p = makePseudonymiser(workerData.key);
parentPort.on('message', ({ id, values, offsets, n, valid }) => {
  const out = p.u64(values, offsets, n, valid);
  parentPort.postMessage({ id, out }, [out.buffer]);
});
