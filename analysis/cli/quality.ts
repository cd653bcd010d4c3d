import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { exportQualityCsv, exportQualitySummary, exportQualityXlsx, monthRanges, qualityReport, qualitySummary, sentNothing } from '../ingest/index.js';
import { openNodeWorkspace } from '../workspace/node-open.js';
import { checkOutFolder, checkWorkspace } from './checks.js';

/** `danso quality --workspace DIR [--out FILE.csv|.xlsx]` */
export function registerQuality(program: Command): void {
  program
    .command('quality')
    .description('báo cáo chất lượng dữ liệu · the data quality report')
    .requiredOption('-w, --workspace <dir>', 'thư mục không gian làm việc · workspace folder')
    .option('-o, --out <file>', 'ghi ra tệp .csv hoặc .xlsx · write to a .csv or .xlsx file')
    .option('--summary', 'tóm tắt theo xã · per-commune summary')
    .action(async (opts: { workspace: string; out?: string; summary?: boolean }) => {
      // Checked before the workspace is opened: opening a folder that is not one would make it one.
      checkOutFolder(opts.out, ['.csv', '.xlsx']);
      if (!checkWorkspace(opts.workspace)) return;
      const ws = await openNodeWorkspace(opts.workspace);
      try {
        if (opts.out) {
          const kind = opts.out.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
          const bytes = opts.summary
            ? await exportQualitySummary(ws.engine, kind)
            : kind === 'csv'
              ? await exportQualityCsv(ws.engine)
              : await exportQualityXlsx(ws.engine);
          writeFileSync(opts.out, bytes);
          console.log(`${opts.out}`);
          // A summary computed again (an older workspace's) is kept for the next run and the app.
          if (opts.summary) await ws.saveChanges();
          return;
        }
        if (opts.summary) {
          const all = await qualitySummary(ws.engine);
          // Communes that sent nothing: one line after those with data.
          const quiet = all.filter(sentNothing);
          for (const q of all.filter((x) => !sentNothing(x))) {
            const fmt = (x: number | null) => (x === null ? '-' : x.toFixed(1));
            console.log(
              `${q.commune_code} ${q.commune_name ?? ''}: errors=${q.errors} warnings=${q.warnings} ` +
                `months_without_data=${q.months_without_data.length} whipple=${fmt(q.whipple)} myers=${fmt(q.myers)}`,
            );
          }
          if (quiet.length > 0) {
            const span = monthRanges(quiet[0]!.months_without_data).join(', ');
            console.log(`${quiet.length} xã/phường không có số liệu nào trong ${span} · communes without any data in ${span}: ${quiet.map((q) => q.commune_code).join(' ')}`);
          }
          await ws.saveChanges();
          return;
        }
        const rows = await qualityReport(ws.engine);
        if (rows.length === 0) console.error('Không có vấn đề nào · no problems found');
        console.log(['file', 'sheet', 'row', 'column', 'value', 'rule', 'severity', 'message'].join('\t'));
        for (const r of rows)
          console.log([r.file, r.sheet ?? '', r.row ?? '', r.column ?? '', r.value ?? '', r.rule, r.severity, `${r.message_vi} · ${r.message_en}`].join('\t'));
      } finally {
        await ws.close();
      }
    });
}
