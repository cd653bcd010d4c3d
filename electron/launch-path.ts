import { existsSync, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { WORKSPACE_MARKER } from './platform-api.js';

/**
 * The workspace folder named on the command line: a double-clicked `.danso` file (the
 * installer associates the extension) opens the folder that holds it.
 */
export function workspaceFromArgs(argv: readonly string[]): string | null {
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-') || extname(arg).toLowerCase() !== '.danso') continue;
    const file = resolve(arg);
    if (existsSync(file) && statSync(file).isFile()) return dirname(file);
  }
  return null;
}

export { WORKSPACE_MARKER };
