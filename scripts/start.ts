// `npm start`: build and start the Electron app; where Electron's runtime is missing
// (it cannot be downloaded on some machines), say so and serve the web build instead.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execSync } from 'node:child_process';
import { serveWeb } from './web.js';

const require = createRequire(import.meta.url);

function electronBinary(): string | null {
  try {
    const path = require('electron') as unknown as string; // the package exports the binary's path
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** npm ci skips Electron's download (allowScripts): fetch the runtime on first start. */
function downloadElectron(): string | null {
  try {
    execSync('node node_modules/electron/install.js', { stdio: 'ignore', timeout: 300_000 });
  } catch {
    return null;
  }
  return electronBinary();
}

execSync('npm run build', { stdio: 'inherit' });
const binary = electronBinary() ?? downloadElectron();
if (binary) {
  const child = spawn(binary, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    '\nKhông tải được Electron runtime trên máy này nên mở bản web thay thế · ' +
      'The Electron runtime could not be downloaded on this machine, so the web build is served instead.',
  );
  const { url } = await serveWeb({ skipBuild: true });
  console.log(`Danso Workbench (web): ${url}`);
}
