// `npm run web`: build the renderer and serve it on localhost with the app's CSP and
// correct MIME types (application/wasm), printing the URL.
import { build, preview } from 'vite';
import { buildDemo } from './build-demo.js';

export async function serveWeb(options: { port?: number; quiet?: boolean; skipBuild?: boolean } = {}) {
  if (!options.skipBuild) await buildDemo();
  if (!options.skipBuild) await build({ configFile: 'vite.config.ts', logLevel: options.quiet ? 'error' : 'info' });
  const server = await preview({
    configFile: 'vite.config.ts',
    logLevel: 'error',
    preview: { port: options.port ?? 4173, strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${options.port ?? 4173}/`;
  return { url, close: () => server.close() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await serveWeb();
  console.log(`\nDanso Workbench (web): ${url}\nMở địa chỉ này trong trình duyệt · Open this address in a browser. Ctrl+C để dừng · to stop.`);
}
