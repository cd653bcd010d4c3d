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

export async function main(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}
