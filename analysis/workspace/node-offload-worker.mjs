// Worker thread of node-offload.ts: pseudonyms (ingest/pseudonym.ts) and the byte scans of
// the import's slices (ingest/slice-scan.ts) off the main thread. Plain JS that loads the
// TypeScript through tsx, as bin/danso.mjs does.
import { register } from 'tsx/esm/api';
import { parentPort, workerData } from 'node:worker_threads';

register();
const { makePseudonymiser } = await import('../ingest/pseudonym.ts');
const { scanSlice } = await import('../ingest/slice-scan.ts');
const { helpFromFront } = await import('../ingest/id-hashing.ts');
const p = makePseudonymiser(workerData.key);
parentPort.on('message', (m) => {
  if (m.kind === 'hash') {
    helpFromFront(m.job, p);
    parentPort.postMessage({ id: m.id, out: null });
  } else {
    parentPort.postMessage({ id: m.id, out: scanSlice(m.bytes, m.delimiter, m.width, m.last) });
  }
});
