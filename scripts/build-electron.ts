// Bundles the Electron main process and preload into single CommonJS files under out/electron.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node' as const,
  format: 'cjs' as const,
  target: 'node20',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning' as const,
};
await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'out/electron/main.cjs' });
// A sandboxed preload can only require('electron'): everything else is bundled in.
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'out/electron/preload.cjs' });
console.log('Built out/electron/main.cjs and out/electron/preload.cjs');
