import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MANIFEST } from '../workspace/manifest.js';

/**
 * Refuse an --out of another kind than `kinds`, or whose folder does not exist, before any
 * work is done (not after a long computation).
 */
export function checkOutFolder(out: string | undefined, kinds: string[] = ['.csv', '.json']): void {
  if (!out) return;
  const dir = dirname(out);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`Thư mục của --out không tồn tại · the folder of --out does not exist: ${dir}`);
  }
  if (existsSync(out) && statSync(out).isDirectory()) {
    throw new Error(`--out là một thư mục, cần tên tệp · --out is a folder, give a file name: ${out}`);
  }
  // Only what it can write: a file named .xlsx holding CSV text would not open in Excel.
  if (!kinds.some((k) => out.toLowerCase().endsWith(k))) {
    const [vi, en] = [' hoặc ', ' or '].map((or) => kinds.slice(0, -1).join(', ') + or + kinds[kinds.length - 1]);
    throw new Error(`--out phải là tệp ${vi} · --out must be a ${en} file: ${out}`);
  }
}

/** Refuse a folder that is not a workspace (exit code 2: nothing was imported there yet). */
export function checkWorkspace(dir: string): boolean {
  if (existsSync(join(dir, MANIFEST))) return true;
  console.error(`Không tìm thấy không gian làm việc · no workspace at ${dir} (danso import --workspace DIR FILE…)`);
  process.exitCode = 2;
  return false;
}
