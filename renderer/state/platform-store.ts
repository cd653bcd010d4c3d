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

/**
 * The bundled demo workspace: files served with the app under demo/, opened in memory. Files
 * are fetched when first read, so opening fetches only what opening reads (not the registers).
 */
export class DemoStore extends MemoryStore {
  private readonly remote = new Set<string>();
  private constructor(private readonly base: string) {
    super();
  }
  static async load(base = 'demo/'): Promise<DemoStore> {
    const store = new DemoStore(base);
    const res = await fetch(`${base}index.json`);
    if (!res.ok) throw new Error(`demo workspace missing: ${base}index.json`);
    for (const name of (await res.json()) as string[]) store.remote.add(name);
    return store;
  }
  override async read(name: string) {
    if (this.remote.has(name)) {
      const res = await fetch(`${this.base}${name}`);
      if (!res.ok) throw new Error(`demo file missing: ${name}`);
      this.files.set(name, new Uint8Array(await res.arrayBuffer()));
      this.remote.delete(name);
    }
    return super.read(name);
  }
  override async write(name: string, bytes: Uint8Array) {
    this.remote.delete(name);
    return super.write(name, bytes);
  }
  override async list() {
    return [...new Set([...this.remote, ...(await super.list())])];
  }
  override async remove(name: string) {
    this.remote.delete(name);
    return super.remove(name);
  }
}
