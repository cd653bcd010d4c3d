import type { Command } from 'commander';
import { cubeProgress } from './cube-progress.js';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  bundledTargets, computeIndicators, evaluateTargets, indicatorByCode, parseSavedTargets, parseTargetsFile, TARGETS_FILE, type Target, type TargetEvaluation,
} from '../indicators/index.js';
import { openNodeWorkspace } from '../workspace/node-open.js';
import { checkOutFolder, checkWorkspace } from './checks.js';
import { errorMessage } from './errors.js';
import { toComputeOptions } from './indicators.js';

const COLUMNS = [
  'unit_code', 'unit_name', 'year', 'indicator', 'comparator', 'target', 'unit', 'source_text', 'period', 'latest', 'value', 'lower', 'upper', 'flag', 'status',
  'note',
] as const;

export function readTargets(file: string): Target[] {
  return parseTargetsFile(file, new Uint8Array(readFileSync(file)));
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function targetsCsv(rows: TargetEvaluation[]): string {
  return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

/** `danso targets --workspace DIR --targets FILE [--out FILE]` */
export function registerTargets(program: Command): void {
  program
    .command('targets')
    .description('đánh giá mục tiêu kế hoạch · progress against plan targets')
    .requiredOption('-w, --workspace <dir>', 'thư mục không gian làm việc · workspace folder')
    .option(
      '-t, --targets <file>',
      'tệp mục tiêu .csv/.xlsx (mặc định: tệp đã mở trong ứng dụng, nếu không thì kế hoạch 2026 kèm theo) · ' +
        'targets file, .csv or .xlsx (default: the file opened in the app, else the bundled 2026 plans)',
    )
    .option('--pool <k>', 'gộp k năm · pool k years')
    .option('--lifetable <method>', 'cd | chiang2')
    .option('-o, --out <file>', 'tệp .csv hoặc .json · a .csv or .json file')
    .action(async (opts: { workspace: string; targets?: string; out?: string; pool?: string; lifetable?: string }) => {
      const { pool = 1, lifeTable = 'cd' } = toComputeOptions({ pool: opts.pool, lifetable: opts.lifetable });
      checkOutFolder(opts.out);
      const given = opts.targets === undefined ? null : readTargets(opts.targets);
      if (!checkWorkspace(opts.workspace)) return;
      const ws = await openNodeWorkspace(opts.workspace);
      try {
        // The same targets as the dashboard's when no file is given: the workspace's, else the bundled plans.
        const saved = given ? null : await ws.store.read(TARGETS_FILE);
        let opened: ReturnType<typeof parseSavedTargets> | null = null;
        try {
          opened = saved ? parseSavedTargets(saved) : null;
        } catch (e) {
          // As the dashboard does: the bundled plans, saying why the saved ones were not used.
          console.error(errorMessage(e));
        }
        const targets = given ?? opened?.targets ?? bundledTargets();
        if (!given) console.error(opened ? `Mục tiêu của không gian làm việc · the workspace's targets: ${opened.file}` : 'Kế hoạch 2026 kèm theo · the bundled 2026 plans');
        const codes = [...new Set(targets.map((t) => t.indicator))];
        const progress = cubeProgress();
        const results = await computeIndicators(ws.engine, { indicators: codes, level: ['province', 'commune'], pool, lifeTable, ...progress.options }).finally(
          progress.end,
        );
        // Keep the cube it built, so the next run starts from it.
        await ws.saveChanges();
        const rows = evaluateTargets(results, targets);
        if (opts.out?.toLowerCase().endsWith('.json')) writeFileSync(opts.out, JSON.stringify(rows, null, 1) + '\n', 'utf8');
        else if (opts.out) writeFileSync(opts.out, targetsCsv(rows), 'utf8');
        if (opts.out) console.error(`${rows.length} mục tiêu · targets → ${opts.out}`);
        else {
          for (const r of rows) {
            // The indicator's own decimals; a count has no interval to show.
            const d = indicatorByCode(r.indicator)?.decimals ?? 2;
            const ci = r.lower !== null && r.upper !== null ? ` [${r.lower.toFixed(d)}; ${r.upper.toFixed(d)}]` : '';
            const v = r.value === null ? '—' : `${r.value.toFixed(d)}${ci}`;
            console.log([`${r.unit_code} ${r.indicator} ${r.comparator} ${r.target} (${r.year}): ${r.status}`, v, r.period, r.note].filter(Boolean).join(' '));
          }
        }
      } finally {
        await ws.close();
      }
    });
}
