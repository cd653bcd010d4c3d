import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { COMMANDS } from './commands.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export function buildProgram(): Command {
  const program = new Command('danso')
    .description(
      'Danso Workbench — chỉ tiêu dân số từ sổ A0 và báo cáo MIS, ngoại tuyến.\n' +
        "Danso Workbench — population indicators from A0 registers and MIS exports, offline.",
    )
    .version(pkg.version, '-v, --version', 'in phiên bản · print the version')
    .helpOption('-h, --help', 'trợ giúp · show help')
    .showHelpAfterError();
  for (const register of COMMANDS) register(program);
  return program;
}

/**
 * A failure as a user reads it: the message (already bilingual where the code wrote it), a
 * file the system could not open named in both languages, no stack trace.
 */
export function errorMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT' && err.path) return `Không tìm thấy tệp · file not found: ${err.path}`;
  if ((err?.code === 'EACCES' || err?.code === 'EPERM') && err.path) return `Không có quyền mở tệp · permission denied: ${err.path}`;
  if (err?.code === 'EISDIR' && err.path) return `Đây là thư mục, không phải tệp · a folder, not a file: ${err.path}`;
  return err instanceof Error ? err.message : String(e);
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    console.error(`Lỗi · error: ${errorMessage(e)}`);
    if (process.env.DANSO_DEBUG === '1') console.error(e);
    process.exitCode = 1;
  }
}
