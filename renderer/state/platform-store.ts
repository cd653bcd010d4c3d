import type { WorkspaceFiles } from '../../electron/platform-api.js';
import type { WorkspaceStore } from '../../analysis/workspace/store.js';

/** The workspace store over the shell's folder API (Electron) or the browser's storage. */
export class PlatformStore implements WorkspaceStore {
  constructor(private readonly files: WorkspaceFiles) {}
  async read(name: string) {
    return (await this.files.read(name)) ?? undefined;
  }
  write(name: string, bytes: Uint8Array) {
    return this.files.write(name, bytes);
  }
  list() {
    return this.files.list();
  }
  remove(name: string) {
    return this.files.remove(name);
  }
}

/** The bundled demo workspace: read-only files served with the app under demo/. */
export class DemoStore implements WorkspaceStore {
  private readonly files = new Map<string, Uint8Array>();
  static async load(base = 'demo/'): Promise<DemoStore> {
    const store = new DemoStore();
    const index = (await (await fetch(`${base}index.json`)).json()) as string[];
    for (const name of index) {
      const res = await fetch(`${base}${name}`);
      if (!res.ok) throw new Error(`demo file missing: ${name}`);
      store.files.set(name, new Uint8Array(await res.arrayBuffer()));
    }
    return store;
  }
  async read(name: string) {
    return this.files.get(name);
  }
  // The demo is opened in memory: changes stay in this session only.
  async write(name: string, bytes: Uint8Array) {
    this.files.set(name, bytes.slice());
  }
  async list() {
    return [...this.files.keys()];
  }
  async remove(name: string) {
    this.files.delete(name);
  }
}
