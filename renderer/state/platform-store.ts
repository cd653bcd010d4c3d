import type { WorkspaceFiles } from '../../electron/platform-api.js';
import { MemoryStore, type WorkspaceStore } from '../../analysis/workspace/store.js';

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

/** The bundled demo workspace: files served with the app under demo/, opened in memory. */
export class DemoStore extends MemoryStore {
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
}
