/**
 * A failure as a user reads it: the message (already bilingual where the code wrote it), a
 * file the system could not open named in both languages, no stack trace.
 */
export function errorMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT' && err.path) return `Không tìm thấy tệp · file not found: ${err.path}`;
  if ((err?.code === 'EACCES' || err?.code === 'EPERM') && err.path) return `Không có quyền mở tệp · permission denied: ${err.path}`;
  if (err?.code === 'EISDIR') return `Đây là thư mục, không phải tệp · a folder, not a file${err.path ? `: ${err.path}` : ''}`;
  if ((err?.code === 'EEXIST' || err?.code === 'ENOTDIR') && err.path) return `Đã có một tệp ở đường dẫn này, không phải thư mục · a file, not a folder, is in the way: ${err.path}`;
  return err instanceof Error ? err.message : String(e);
}
