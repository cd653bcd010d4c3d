import type { Command } from 'commander';
import { cubeProgress } from './cube-progress.js';
import { writeFileSync } from 'node:fs';
import { checkOutFolder, checkWorkspace } from './checks.js';
import { computeIndicators, INDICATORS, indicatorByCode, type ComputeOptions, type IndicatorResult, type UnitLevel } from '../indicators/index.js';
import { openNodeWorkspace } from '../workspace/node-open.js';

/** The columns `danso indicators` writes, in order (analysis/indicators/result.ts). */
export const RESULT_COLUMNS = [
  'indicator', 'unit_code', 'unit_name', 'level', 'period', 'value', 'lower', 'upper', 'numerator', 'denominator', 'events', 'flag',
] as const;

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  // Full precision with '.' as the decimal point, whatever the locale.
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Results as CSV (UTF-8, comma, '.' decimals); extra columns only when asked for. */
export function resultsCsv(rows: IndicatorResult[], extra: Array<'smoothed' | 'reason'> = []): string {
  const cols = [...RESULT_COLUMNS, ...extra];
  const lines = [cols.join(',')];
  for (const r of rows) lines.push(cols.map((c) => csvCell((r as unknown as Record<string, unknown>)[c])).join(','));
  return lines.join('\n') + '\n';
}

export function parseYears(s: string): [number, number] {
  const m = /^(\d{4})(?:\s*[-–:]\s*(\d{4}))?$/.exec(s.trim());
  if (!m) throw new Error(`--years phải là YYYY hoặc YYYY-YYYY · --years must be YYYY or YYYY-YYYY: ${s}`);
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  return a <= b ? [a, b] : [b, a];
}

export interface IndicatorCliOptions {
  workspace: string;
  level?: string;
  years?: string;
  indicators?: string;
  pool?: string;
  smooth?: string;
  lifetable?: string;
  source?: string;
  out?: string;
  reasons?: boolean;
}

/** An option's value outside its choices, in both languages. */
function badChoice(option: string, value: string, choices: string): Error {
  return new Error(`${option} không hợp lệ · ${option} is not valid: "${value}" (chọn · choose: ${choices})`);
}

/** Command-line options → computeIndicators options (validated). */
export function toComputeOptions(o: Partial<IndicatorCliOptions>): ComputeOptions {
  const out: ComputeOptions = {};
  if (o.level) {
    const levels = o.level.split(',').map((s) => s.trim());
    for (const l of levels) if (!['province', 'commune', 'village'].includes(l)) throw badChoice('--level', l, 'province, commune, village');
    out.level = levels as UnitLevel[];
  }
  if (o.years) out.years = parseYears(o.years);
  if (o.indicators) {
    // Codes in any case (TFR, Srb); an unknown one is quoted as typed.
    const typed = o.indicators.split(',').map((s) => s.trim()).filter(Boolean);
    out.indicators = typed.map((c) => c.toLowerCase());
    const unknown = typed.filter((c) => !indicatorByCode(c.toLowerCase()));
    if (unknown.length) throw badChoice('--indicators', unknown.join(','), INDICATORS.map((d) => d.code).join(', '));
  }
  if (o.pool) {
    const k = Number(o.pool);
    if (!Number.isInteger(k) || k < 1) throw new Error(`--pool phải là số nguyên ≥ 1 · --pool must be an integer ≥ 1: ${o.pool}`);
    out.pool = k;
  }
  if (o.smooth) {
    if (o.smooth !== 'eb') throw badChoice('--smooth', o.smooth, 'eb');
    out.smooth = 'eb';
  }
  if (o.lifetable) {
    if (o.lifetable !== 'cd' && o.lifetable !== 'chiang2') throw badChoice('--lifetable', o.lifetable, 'cd, chiang2');
    out.lifeTable = o.lifetable;
  }
  if (o.source) {
    if (o.source !== 'a0' && o.source !== 'mis') throw badChoice('--source', o.source, 'a0, mis');
    out.source = o.source;
  }
  return out;
}

/** `danso indicators --workspace DIR [...] --out FILE.csv|FILE.json` */
export function registerIndicators(program: Command): void {
  program
    .command('indicators')
    .description('tính các chỉ tiêu dân số · compute the population indicators')
    .requiredOption('-w, --workspace <dir>', 'thư mục không gian làm việc · workspace folder')
    .option('--level <level>', 'province | commune | village (có thể nhiều, cách bằng dấu phẩy · comma-separated)')
    .option('--years <range>', 'ví dụ · e.g. 2021-2025')
    .option('--indicators <codes>', 'ví dụ · e.g. tfr,srb,e0')
    .option('--pool <k>', 'gộp k năm liên tiếp · pool k consecutive years')
    .option('--smooth <method>', 'eb: làm trơn Bayes thực nghiệm · empirical Bayes smoothing')
    .option('--lifetable <method>', 'cd (Coale–Demeny, mặc định · default) | chiang2')
    .option('--source <source>', 'a0 | mis (mặc định: A0 nếu có · default: A0 when present)')
    .option('--reasons', 'thêm cột lý do · add a reason column')
    .option('-o, --out <file>', 'tệp .csv hoặc .json · a .csv or .json file (default: CSV to stdout)')
    .action(async (opts: IndicatorCliOptions) => {
      const options = toComputeOptions(opts);
      checkOutFolder(opts.out);
      if (!checkWorkspace(opts.workspace)) return;
      const ws = await openNodeWorkspace(opts.workspace);
      try {
        const progress = cubeProgress();
        const rows = await computeIndicators(ws.engine, { ...options, ...progress.options }).finally(progress.end);
        // Keep the cube it built, so the next run starts from it.
        await ws.saveChanges();
        const extra: Array<'smoothed' | 'reason'> = [];
        if (options.smooth) extra.push('smoothed');
        if (opts.reasons) extra.push('reason');
        if (opts.out?.toLowerCase().endsWith('.json')) {
          writeFileSync(opts.out, JSON.stringify(rows, null, 1) + '\n', 'utf8');
        } else if (opts.out) {
          writeFileSync(opts.out, resultsCsv(rows, extra), 'utf8');
        } else {
          process.stdout.write(resultsCsv(rows, extra));
        }
        if (opts.out) console.error(`${rows.length} dòng · rows → ${opts.out}`);
        if (rows.length === 0) {
          console.error(
            'Không có kết quả: không gian làm việc không có số liệu cho nguồn, cấp hoặc năm đã chọn (hoặc số năm gộp dài hơn số năm có số liệu) · ' +
              'no results: the workspace has no data for the chosen source, level or years (or --pool is longer than the years with data)',
          );
        }
      } finally {
        await ws.close();
      }
    });
}
