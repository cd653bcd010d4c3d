/**
 * Where a workspace keeps its files. The Node CLI uses a folder (node-store.ts); the
 * browser can back it with the File System Access API or memory. `write` must be atomic:
 * after a crash a name holds either its old bytes or its new bytes, never a mix.
 */
export interface WorkspaceStore {
  read(name: string): Promise<Uint8Array | undefined>;
  write(name: string, bytes: Uint8Array): Promise<void>;
  list(): Promise<string[]>;
  remove(name: string): Promise<void>;
}

/** A store in memory (tests, the browser before the user picks a folder). */
export class MemoryStore implements WorkspaceStore {
  readonly files = new Map<string, Uint8Array>();
  async read(name: string) {
    return this.files.get(name);
  }
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
