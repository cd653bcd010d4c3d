import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkspaceStore } from './store.js';

/** A workspace folder on disk. Writes go to a temporary file, are fsynced, then renamed over. */
export class NodeStore implements WorkspaceStore {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }
  async read(name: string): Promise<Uint8Array | undefined> {
    try {
      const b = await readFile(join(this.dir, name));
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }
  async write(name: string, bytes: Uint8Array): Promise<void> {
    const tmp = join(this.dir, `.${name}.${process.pid}.${Date.now()}.tmp`);
    const fd = openSync(tmp, 'w');
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, Math.min(bytes.length - off, 1 << 26));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    await rename(tmp, join(this.dir, name));
    // Make the rename itself durable.
    try {
      const dfd = openSync(this.dir, 'r');
      fsyncSync(dfd);
      closeSync(dfd);
    } catch {
      /* directories cannot be fsynced on some platforms */
    }
  }
  async list(): Promise<string[]> {
    return (await readdir(this.dir)).filter((n) => !n.endsWith('.tmp'));
  }
  async remove(name: string): Promise<void> {
    await rm(join(this.dir, name), { force: true });
  }
  /** Leftover temporary files from a save that was killed. */
  async removeTemporaries(): Promise<void> {
    for (const n of await readdir(this.dir)) if (n.endsWith('.tmp')) await rm(join(this.dir, n), { force: true });
  }
}
