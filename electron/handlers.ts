import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ChosenFile, FileFilter } from './platform-api.js';
import { IPC } from './platform-api.js';
import { PathRefused, resolveInside, validateBytes, validateText } from './paths.js';
import { writeFileAtomic } from './atomic-write.js';

/** What the handlers need from Electron; injected so they are unit-tested without it. */
export interface ShellDeps {
  showOpenFiles(multiple: boolean, filters: FileFilter[]): Promise<string[]>;
  showOpenFolder(): Promise<string | null>;
  showSave(suggestedName: string, filters: FileFilter[]): Promise<string | null>;
  printCurrentView(): Promise<Uint8Array>;
  setLanguage(lang: 'vi' | 'en'): void;
}

const MAX_FILES = 500;

function validateFilters(value: unknown): FileFilter[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 20) throw new TypeError('Invalid filters');
  return value.map((f: unknown) => {
    const o = f as { name?: unknown; extensions?: unknown };
    const exts = o.extensions;
    if (!Array.isArray(exts) || exts.some((e) => typeof e !== 'string' || !/^[\w*]{1,10}$/.test(e))) {
      throw new TypeError('Invalid filter extensions');
    }
    return { name: validateText(o.name, 100), extensions: exts as string[] };
  });
}

/** A safe file name for a save dialog's suggestion: no directories. */
function safeName(value: unknown): string {
  return basename(validateText(value, 255)).replace(/[<>:"|?*\0]/g, '_');
}

/**
 * The IPC handlers of the main process. The renderer only ever holds opaque file ids and
 * workspace-relative names: every path is one the user chose in a dialog, or inside the
 * workspace folder the user chose.
 */
export function createHandlers(deps: ShellDeps, initialWorkspace: string | null = null) {
  const chosen = new Map<string, string>();
  let workspaceRoot: string | null = initialWorkspace;

  const requireWorkspace = (): string => {
    if (!workspaceRoot) throw new PathRefused('no workspace folder chosen');
    return workspaceRoot;
  };

  return {
    async [IPC.chooseFiles](options?: unknown): Promise<ChosenFile[]> {
      const o = (options ?? {}) as { multiple?: unknown; filters?: unknown };
      const paths = await deps.showOpenFiles(o.multiple !== false, validateFilters(o.filters));
      const out: ChosenFile[] = [];
      for (const p of paths.slice(0, MAX_FILES)) {
        const id = randomUUID();
        chosen.set(id, p);
        out.push({ id, name: basename(p), size: (await stat(p)).size });
      }
      return out;
    },
    async [IPC.readFile](id: unknown): Promise<Uint8Array> {
      const path = chosen.get(validateText(id, 64));
      if (!path) throw new PathRefused('file was not chosen by the user');
      return new Uint8Array(await readFile(path));
    },
    async [IPC.chooseWorkspace](): Promise<{ name: string } | null> {
      const dir = await deps.showOpenFolder();
      if (!dir) return null;
      workspaceRoot = dir;
      return { name: basename(dir) };
    },
    async [IPC.initialWorkspace](): Promise<{ name: string } | null> {
      return initialWorkspace ? { name: basename(initialWorkspace) } : null;
    },
    async [IPC.wsRead](name: unknown): Promise<Uint8Array | null> {
      const path = resolveInside(requireWorkspace(), name);
      try {
        return new Uint8Array(await readFile(path));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async [IPC.wsWrite](name: unknown, bytes: unknown): Promise<void> {
      await writeFileAtomic(resolveInside(requireWorkspace(), name), validateBytes(bytes));
    },
    async [IPC.wsList](): Promise<string[]> {
      const root = requireWorkspace();
      const entries = await readdir(root, { recursive: true, withFileTypes: true });
      return entries
        .filter((e) => e.isFile())
        .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
        .sort();
    },
    async [IPC.wsRemove](name: unknown): Promise<void> {
      await rm(resolveInside(requireWorkspace(), name), { force: true });
    },
    async [IPC.saveFile](suggestedName: unknown, bytes: unknown, filters?: unknown): Promise<boolean> {
      const data = validateBytes(bytes);
      const target = await deps.showSave(safeName(suggestedName), validateFilters(filters));
      if (!target) return false;
      await writeFileAtomic(target, data);
      return true;
    },
    async [IPC.printToPdf](suggestedName: unknown): Promise<boolean> {
      const name = safeName(suggestedName);
      const target = await deps.showSave(name, [{ name: 'PDF', extensions: ['pdf'] }]);
      if (!target) return false;
      await writeFileAtomic(target, await deps.printCurrentView());
      return true;
    },
    async [IPC.setLanguage](lang: unknown): Promise<void> {
      if (lang !== 'vi' && lang !== 'en') throw new TypeError('Invalid language');
      deps.setLanguage(lang);
    },
  };
}
