import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { COMMANDS } from './commands.js';
import { errorMessage } from './errors.js';

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
    .helpCommand('help [command]', 'trợ giúp cho một lệnh · help for a command')
    .configureOutput({ outputError: (str, write) => write(commanderError(str)) })
    .showHelpAfterError();
  for (const register of COMMANDS) register(program);
  return program;
}

/** Commander's own errors (options and commands), in both languages as the rest of the CLI. */
const COMMANDER_ERRORS: Array<[RegExp, string]> = [
  [/^error: required option (.+) not specified/, 'thiếu tùy chọn bắt buộc · required option $1 not specified'],
  [/^error: missing required argument (.+)/, 'thiếu đối số bắt buộc · missing required argument $1'],
  [/^error: option (.+) argument missing/, 'tùy chọn $1 cần một giá trị · option $1 needs a value'],
  [/^error: unknown option (.+)/, 'không có tùy chọn · unknown option $1'],
  [/^error: unknown command (.+)/, 'không có lệnh · unknown command $1'],
  [/^error: too many arguments(.*)/, 'thừa đối số · too many arguments$1'],
];

export function commanderError(str: string): string {
  for (const [re, text] of COMMANDER_ERRORS) if (re.test(str)) return str.replace(re, `Lỗi · error: ${text}`);
  return str;
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
