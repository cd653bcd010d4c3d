import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Why an IPC path was refused; the message is shown to the user in both languages. */
export class PathRefused extends Error {
  constructor(detail: string) {
    super(`Đường dẫn không được phép · Path refused: ${detail}`);
    this.name = 'PathRefused';
  }
}

/**
 * Resolve a workspace-relative file name inside the chosen folder, refusing anything that
 * would escape it (absolute paths, "..", drive letters, NUL bytes, empty names).
 */
export function resolveInside(root: string, name: unknown): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 255 * 8) throw new PathRefused('empty or not text');
  if (name.includes('\0')) throw new PathRefused('NUL byte');
  if (isAbsolute(name) || /^[a-zA-Z]:/.test(name) || name.startsWith('\\\\')) throw new PathRefused(name);
  const parts = name.split(/[\\/]/);
  if (parts.some((p) => p === '..' || p === '')) throw new PathRefused(name);
  const full = resolve(root, name);
  const rel = relative(root, full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep)[0] === '..') throw new PathRefused(name);
  return full;
}

/** Check an IPC byte payload. */
export function validateBytes(value: unknown, maxBytes = 4 * 1024 ** 3): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError('Dữ liệu không hợp lệ · Invalid data: expected bytes');
  if (value.byteLength > maxBytes) throw new RangeError('Dữ liệu quá lớn · Data too large');
  return value;
}

/** Check a short text argument (file names, ids). */
export function validateText(value: unknown, max = 1024): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw new TypeError('Tham số không hợp lệ · Invalid argument');
  }
  return value;
}
