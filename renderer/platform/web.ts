import type { ChosenFile, FileFilter, WorkbenchPlatform, WorkspaceFiles } from '../../electron/platform-api.js';

/**
 * The web build's implementation of the shell API: a file input for opening files, the
 * origin-private file system for the workspace, downloads
 * for saving, the print dialog for PDF.
 */
export function createWebPlatform(): WorkbenchPlatform {
  const files = new Map<string, File>();
  let root: FileSystemDirectoryHandle | null = null;

  const workspaceRoot = async (): Promise<FileSystemDirectoryHandle> => {
    root ??= await (await navigator.storage.getDirectory()).getDirectoryHandle('danso-workspace', { create: true });
    return root;
  };

  /** Walk to the directory holding `name`, refusing names that climb out. */
  const parentOf = async (name: string, create: boolean): Promise<[FileSystemDirectoryHandle, string]> => {
    const parts = name.split('/');
    if (parts.some((p) => p === '' || p === '..' || p === '.')) throw new Error(`Đường dẫn không được phép · Path refused: ${name}`);
    let dir = await workspaceRoot();
    for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p, { create });
    return [dir, parts[parts.length - 1]!];
  };

  const workspace: WorkspaceFiles = {
    async read(name) {
      try {
        const [dir, base] = await parentOf(name, false);
        const file = await (await dir.getFileHandle(base)).getFile();
        return new Uint8Array(await file.arrayBuffer());
      } catch (err) {
        if ((err as DOMException).name === 'NotFoundError') return null;
        throw err;
      }
    },
    async write(name, bytes) {
      const [dir, base] = await parentOf(name, true);
      // createWritable writes to a swap file and replaces the target on close: atomic.
      const writable = await (await dir.getFileHandle(base, { create: true })).createWritable();
      await writable.write(bytes as Uint8Array<ArrayBuffer>);
      await writable.close();
    },
    async list() {
      const out: string[] = [];
      const walk = async (dir: FileSystemDirectoryHandle, prefix: string) => {
        for await (const [name, handle] of (dir as unknown as AsyncIterable<[string, FileSystemHandle]>)) {
          if (handle.kind === 'file') out.push(prefix + name);
          else await walk(handle as FileSystemDirectoryHandle, `${prefix}${name}/`);
        }
      };
      await walk(await workspaceRoot(), '');
      return out.sort();
    },
    async remove(name) {
      const [dir, base] = await parentOf(name, false);
      await dir.removeEntry(base).catch(() => undefined);
    },
  };

  return {
    kind: 'web',
    chooseFiles(options) {
      return new Promise<ChosenFile[]>((resolve) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.multiple = options?.multiple !== false;
        input.accept = acceptOf(options?.filters);
        input.addEventListener('change', () => resolve(registerFiles(files, [...(input.files ?? [])])));
        input.addEventListener('cancel', () => resolve([]));
        input.click();
      });
    },
    async readFile(id) {
      const file = files.get(id);
      if (!file) throw new Error('Tệp chưa được chọn · File was not chosen');
      return new Uint8Array(await file.arrayBuffer());
    },
    async chooseWorkspace() {
      // The web build keeps its workspace in the origin-private file system: persistent,
      // private to this app, and usable without a folder dialog.
      await workspaceRoot();
      return { name: 'danso-workspace' };
    },
    async initialWorkspace() {
      return null;
    },
    workspace,
    async saveFile(suggestedName, bytes) {
      const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
      const a = document.createElement('a');
      a.href = url;
      a.download = suggestedName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return true;
    },
    async printToPdf() {
      window.print();
      return true;
    },
    setLanguage() {},
    onMenu() {
      return () => {};
    },
  };
}

function acceptOf(filters: FileFilter[] | undefined): string {
  return (filters ?? []).flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
}

/** Files dropped or picked in the page get the same opaque ids as the desktop dialog's. */
export function registerFiles(store: Map<string, File>, list: File[]): ChosenFile[] {
  return list.map((file) => {
    const id = crypto.randomUUID();
    store.set(id, file);
    return { id, name: file.name, size: file.size };
  });
}
