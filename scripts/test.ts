// `npm test`: type-check, lint, unit tests (Vitest, real duckdb-wasm under Node) and
// end-to-end tests (the web build in Debian's Chromium). Ends with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

interface Tally {
  passed: number;
  failed: number;
}
const total: Tally = { passed: 0, failed: 0 };
const lines: string[] = [];

function run(cmd: string, args: string[]): boolean {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  return r.status === 0;
}

function step(name: string, cmd: string, args: string[]) {
  const ok = run(cmd, args);
  total[ok ? 'passed' : 'failed'] += 1;
  lines.push(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
}

function vitest(name: string, config: string) {
  const out = `test-results/${name}.json`;
  rmSync(out, { force: true });
  const ok = run('npx', ['vitest', 'run', '-c', config, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (!existsSync(out)) {
    // The runner itself crashed: count it as one failure rather than silently nothing.
    total.failed += 1;
    lines.push(`FAIL ${name}: no report`);
    return;
  }
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numTotalTests: number;
  };
  total.passed += report.numPassedTests;
  total.failed += report.numFailedTests;
  // Suites that fail to load report no tests: count them as failures too.
  const suiteFailures = !ok && report.numFailedTests === 0 ? 1 : 0;
  total.failed += suiteFailures;
  lines.push(
    `${ok ? 'ok  ' : 'FAIL'} ${name}: ${report.numPassedTests} passed, ${report.numFailedTests + suiteFailures} failed, ${report.numPendingTests + report.numTodoTests} skipped`,
  );
}

mkdirSync('test-results', { recursive: true });
step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']);
step('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
vitest('unit', 'vitest.config.ts');
vitest('e2e', 'vitest.e2e.config.ts');

console.log(`\n${lines.join('\n')}`);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed === 0 ? 0 : 1);
