// Child process of workspace.test.ts: imports `rows` deaths into the workspace, saves, prints
// "saved N", then imports more and saves again through a store that pauses between files,
// printing "saving" first, so the parent can kill it in the middle of the second save.
import { createNodeEngine } from '../../../analysis/engine/node.js';
import { importFiles } from '../../../analysis/ingest/importer.js';
import { NodeStore } from '../../../analysis/workspace/node-store.js';
import { Workspace } from '../../../analysis/workspace/workspace.js';

const [dir, first, second] = process.argv.slice(2) as [string, string, string];
class SlowStore extends NodeStore {
  slow = false;
  override async write(name: string, bytes: Uint8Array) {
    await super.write(name, bytes);
    if (this.slow) await new Promise((r) => setTimeout(r, 400));
  }
}
const csv = (from: number, n: number) => {
  let s = 'Mã xã,Mã đối tượng,Ngày chết\n';
  for (let i = from; i < from + n; i++) s += `04465,P${i},2024-01-01\n`;
  return new TextEncoder().encode(s);
};
const store = new SlowStore(dir);
const ws = await Workspace.open(store, await createNodeEngine());
await importFiles(ws, [{ name: 'a.csv', bytes: csv(0, +first) }], { today: '2025-01-01' });
console.log(`saved ${first}`);
store.slow = true;
await importFiles(ws, [{ name: 'b.csv', bytes: csv(10_000_000, +second) }], { today: '2025-01-01', save: false });
console.log('saving');
await ws.save();
console.log('saved both');
