import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createHandlers, type ShellDeps } from '../../electron/handlers.js';
import { IPC } from '../../electron/platform-api.js';
import { PathRefused } from '../../electron/paths.js';

describe('IPC handlers', () => {
  let dir: string;
  let ws: string;
  let outside: string;
  let deps: ShellDeps & { saveTarget: string | null; language?: string };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'danso-ipc-'));
    ws = join(dir, 'workspace');
    outside = join(dir, 'secret.txt');
    writeFileSync(outside, 'secret');
    writeFileSync(join(dir, 'a.csv'), 'Mã xã\n04465\n');
    deps = {
      saveTarget: null,
      showOpenFiles: async () => [join(dir, 'a.csv')],
      showOpenFolder: async () => ws,
      showSave: async () => deps.saveTarget,
      printCurrentView: async () => new Uint8Array([37, 80, 68, 70]),
      setLanguage: (lang) => {
        deps.language = lang;
      },
    };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads only files the user chose, by opaque id', async () => {
    const h = createHandlers(deps);
    const [file] = await h[IPC.chooseFiles]({ multiple: true });
    expect(file!.name).toBe('a.csv');
    expect(file!.size).toBe(14); // 'ã' is two bytes in UTF-8
    expect(new TextDecoder().decode(await h[IPC.readFile](file!.id))).toBe('Mã xã\n04465\n');
    await expect(h[IPC.readFile](outside)).rejects.toThrow(PathRefused);
    await expect(h[IPC.readFile]('00000000-0000-0000-0000-000000000000')).rejects.toThrow(PathRefused);
  });

  it('refuses workspace access before a folder is chosen', async () => {
    const h = createHandlers(deps);
    await expect(h[IPC.wsRead]('manifest.json')).rejects.toThrow(PathRefused);
  });

  it('writes, lists and reads inside the workspace and refuses paths outside it', async () => {
    const h = createHandlers(deps);
    expect(await h[IPC.chooseWorkspace]()).toEqual({ name: 'workspace' });
    await h[IPC.wsWrite]('tables/sinh.arrow', new Uint8Array([1, 2, 3]));
    await h[IPC.wsWrite]('manifest.json', new TextEncoder().encode('{}'));
    expect(await h[IPC.wsList]()).toEqual(['manifest.json', 'tables/sinh.arrow']);
    expect([...(await h[IPC.wsRead]('tables/sinh.arrow'))!]).toEqual([1, 2, 3]);
    expect(await h[IPC.wsRead]('missing.json')).toBeNull();

    await expect(h[IPC.wsRead]('../secret.txt')).rejects.toThrow(PathRefused);
    await expect(h[IPC.wsRead](outside)).rejects.toThrow(PathRefused);
    await expect(h[IPC.wsWrite]('../evil.txt', new Uint8Array([1]))).rejects.toThrow(PathRefused);
    expect(existsSync(join(dir, 'evil.txt'))).toBe(false);
    await expect(h[IPC.wsRemove]('../secret.txt')).rejects.toThrow(PathRefused);
    expect(readFileSync(outside, 'utf8')).toBe('secret');
    await expect(h[IPC.wsWrite]('x.bin', 'not bytes')).rejects.toThrow(TypeError);
  });

  it('saves only where the user chose, and reports a cancelled dialog', async () => {
    const h = createHandlers(deps);
    expect(await h[IPC.saveFile]('report.csv', new Uint8Array([65]))).toBe(false);
    deps.saveTarget = join(dir, 'report.csv');
    expect(await h[IPC.saveFile]('../../report.csv', new Uint8Array([65]))).toBe(true);
    expect(readFileSync(join(dir, 'report.csv'), 'utf8')).toBe('A');
    deps.saveTarget = join(dir, 'view.pdf');
    expect(await h[IPC.printToPdf]('view.pdf')).toBe(true);
    expect(readFileSync(join(dir, 'view.pdf'), 'latin1')).toBe('%PDF');
  });

  it('accepts only known languages for the menu', async () => {
    const h = createHandlers(deps);
    await h[IPC.setLanguage]('en');
    expect(deps.language).toBe('en');
    await expect(h[IPC.setLanguage]('fr')).rejects.toThrow(TypeError);
  });
});

describe('launch on a workspace', () => {
  it('opens the folder of a double-clicked .danso file, and only that', async () => {
    const { workspaceFromArgs } = await import('../../electron/launch-path.js');
    const dir = mkdtempSync(join(tmpdir(), 'danso-launch-'));
    try {
      writeFileSync(join(dir, 'workspace.danso'), '{}');
      expect(workspaceFromArgs(['/opt/danso/danso', join(dir, 'workspace.danso')])).toBe(dir);
      expect(workspaceFromArgs(['/opt/danso/danso', '--flag', join(dir, 'missing.danso')])).toBeNull();
      expect(workspaceFromArgs(['/opt/danso/danso', join(dir, 'notes.txt')])).toBeNull();
      const h = createHandlers(
        {
          showOpenFiles: async () => [],
          showOpenFolder: async () => null,
          showSave: async () => null,
          printCurrentView: async () => new Uint8Array(),
          setLanguage: () => {},
        },
        dir,
      );
      expect(await h[IPC.initialWorkspace]()).toEqual({ name: basename(dir) });
      expect(new TextDecoder().decode((await h[IPC.wsRead]('workspace.danso'))!)).toBe('{}');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
