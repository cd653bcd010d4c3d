import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { errorMessage } from './errors.js';
import { importFiles, type ImportSummary } from '../ingest/index.js';
import { openNodeWorkspace } from '../workspace/node-open.js';

function line(s: ImportSummary): string {
  const where = s.sheet ? `${s.file} [${s.sheet}]` : s.file;
  switch (s.status) {
    case 'fatal':
      return `${where}: KHÔNG ĐỌC ĐƯỢC · UNREADABLE — ${s.fatal?.rule}: ${s.fatal?.message_vi} · ${s.fatal?.message_en}`;
    case 'duplicate':
      return `${where}: đã nhập trước đây, bỏ qua · already imported, unchanged`;
    case 'skipped':
      return `${where}: không nhận ra bảng, bỏ qua trang · no table recognised, sheet skipped`;
    case 'cancelled':
      return `${where}: đã hủy · cancelled`;
    default: {
      const rules = Object.entries(s.rules).map(([k, v]) => `${k}=${v}`).join(' ');
      let out =
        `${where}: table=${s.table} read=${s.rowsRead} kept=${s.kept} quarantined=${s.quarantined} warnings=${s.warnings}` +
        (s.encoding ? ` encoding=${s.encoding}` : '') + (rules ? `\n  rules: ${rules}` : '');
      for (const r of s.replaced) {
        out += `\n  thay thế ${r.rows} dòng ${r.table} của ${r.file_name} · replaced ${r.rows} ${r.table} rows of ${r.file_name}`;
        // A newer export replaces the commune's rows (FORMAT.md): far fewer rows is worth a look.
        if (s.kept < r.rows / 2) {
          out +=
            `\n  ⚠ tệp mới ít dòng hơn nhiều (${s.kept} so với ${r.rows}): kiểm tra đây có đúng là bản xuất mới hơn · ` +
            `the new file has far fewer rows (${s.kept} vs ${r.rows}): check that it is a newer export`;
        }
      }
      return out;
    }
  }
}

/** `danso import --workspace DIR FILE...` */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('nhập tệp xuất sổ A0 / MIS vào không gian làm việc · import A0/MIS exports into a workspace')
    .requiredOption('-w, --workspace <dir>', 'thư mục không gian làm việc (tạo nếu chưa có) · workspace folder (created when absent)')
    .argument('<files...>', 'tệp .csv, .xlsx, .xls')
    .option('-q, --quiet', 'không in tiến độ · no progress output')
    .action(async (files: string[], opts: { workspace: string; quiet?: boolean }) => {
      const inputs: Array<{ name: string; bytes: Uint8Array }> = [];
      const unreadable: string[] = [];
      for (const f of files) {
        try {
          // Named with its folder (04288/nhan_khau.csv), as the app names dropped folders:
          // one commune's file from another's in the output and the import log.
          const parent = basename(dirname(resolve(f)));
          inputs.push({ name: parent ? `${parent}/${basename(f)}` : basename(f), bytes: new Uint8Array(readFileSync(f)) });
        } catch (e) {
          unreadable.push(`${f}: KHÔNG ĐỌC ĐƯỢC · UNREADABLE — ${errorMessage(e)}`);
        }
      }
      for (const u of unreadable) console.log(u);
      // Nothing to import: no workspace is made for it.
      if (inputs.length === 0) {
        process.exitCode = 2;
        return;
      }
      const ws = await openNodeWorkspace(opts.workspace);
      let last = -1;
      let updated: string[] = [];
      const results = await importFiles(ws, inputs, {
        onCube: (o) => (updated = o.communes),
        onProgress: (p) => {
          const pct = Math.floor(p.percent);
          if (!opts.quiet && process.stderr.isTTY && pct !== last) {
            last = pct;
            process.stderr.write(`\r${pct}% · ${p.rows} rows · ${p.file}   `);
          }
        },
      });
      if (!opts.quiet && process.stderr.isTTY) process.stderr.write('\n');
      for (const r of results) console.log(line(r));
      if (updated.length > 0)
        console.log(
          `Số liệu chỉ tiêu đã cập nhật cho ${updated.length} xã · indicator figures updated for ${updated.length} commune(s): ${updated.join(', ')}`,
        );
      await ws.close();
      const failed = unreadable.length > 0 || results.some((r) => r.status === 'fatal');
      process.exitCode = failed ? 2 : 0;
    });
}
