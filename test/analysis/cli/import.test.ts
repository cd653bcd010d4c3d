import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commanderError } from '../../../analysis/cli/main.js';
import { queryRows } from '../../../analysis/engine/engine.js';
import { openNodeWorkspace } from '../../../analysis/workspace/node-open.js';

const root = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'danso-import-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The CLI as a user runs it: its output and exit code. */
function danso(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/danso.mjs'), ...args], { cwd: root, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

describe('danso import', () => {
  it('names each file with its folder, and warns when a far smaller export replaces a commune’s rows', { timeout: 120_000 }, () => {
    const ws = join(dir, 'ws');
    // 04288's register (7,793 rows), then a 20-row register export of the same commune.
    const r = danso('import', '--quiet', '--workspace', ws, 'fixtures/small/a0/04288/nhan_khau.csv', 'fixtures/small/messy/nhan_khau_headers_english.csv');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^04288\/nhan_khau\.csv: table=nhan_khau read=7793 kept=7793 /);
    expect(lines[1]).toMatch(/^messy\/nhan_khau_headers_english\.csv: table=nhan_khau read=20 kept=20 /);
    expect(lines[2]).toBe('  thay thế 7793 dòng nhan_khau của 04288/nhan_khau.csv · replaced 7793 nhan_khau rows of 04288/nhan_khau.csv');
    expect(lines[3]).toContain('the new file has far fewer rows (20 vs 7793): check that it is a newer export');
  });
  it('says which communes the cube was updated for, when a workspace with a cube takes one more commune', { timeout: 180_000 }, () => {
    const ws = join(dir, 'update');
    const births = (c: string) => `fixtures/small/a0/${c}/sinh.csv`;
    const registerAndBirths = (c: string) => [`fixtures/small/a0/${c}/nhan_khau.csv`, births(c)];
    expect(danso('import', '--quiet', '--workspace', ws, ...['04288', '04303', '04456'].flatMap(registerAndBirths)).code).toBe(0);
    // The cube is built (and saved) by the first computation.
    expect(danso('indicators', '--workspace', ws, '--indicators', 'cbr', '--out', join(dir, 'update.json')).code).toBe(0);
    const r = danso('import', '--quiet', '--workspace', ws, births('04465'));
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('Số liệu chỉ tiêu đã cập nhật cho 1 xã · indicator figures updated for 1 commune(s): 04465');
  });
  it('quality --summary --out writes the summary per commune (not the whole report)', { timeout: 60_000 }, () => {
    const out = join(dir, 'summary.csv');
    const r = danso('quality', '--workspace', join(dir, 'ws'), '--summary', '--out', out);
    expect(r.code).toBe(0);
    const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('commune_code,commune_name,errors,warnings,months_without_data,months,whipple,myers');
    // 04288 holds the 20-row register now: too few people for the age-heaping indices.
    expect(lines.find((l) => l.startsWith('04288,'))).toMatch(/^04288,Phường Nghĩa Lộ,\d+,\d+,\d+,[^,]*,,$/);
  });
  it('counts a commune whose register alone was imported as having data', { timeout: 120_000 }, () => {
    const ws = join(dir, 'reg');
    expect(danso('import', '--quiet', '--workspace', ws, 'fixtures/small/a0/04288/sinh.csv', 'fixtures/small/a0/04303/nhan_khau.csv').code).toBe(0);
    const r = danso('quality', '--workspace', ws, '--summary');
    // 04303 has people on its register (its age-heaping indices), no events: a row of its own.
    expect(r.stdout).toMatch(/^04303 Xã Lục Yên: errors=0 warnings=0 months_without_data=\d+ whipple=\d+\.\d myers=\d+\.\d$/m);
    const silentLine = r.stdout.split('\n').find((l) => l.includes('communes without any data'))!;
    expect(silentLine).not.toContain('04303');
    expect(silentLine).not.toContain('04288');
  });
  it('keeps a summary it had to compute again (one stored by an older version)', { timeout: 120_000 }, async () => {
    const ws = join(dir, 'old-summary');
    expect(danso('import', '--quiet', '--workspace', ws, 'fixtures/small/a0/04288/sinh.csv').code).toBe(0);
    const stored = async () => {
      const w = await openNodeWorkspace(ws);
      try {
        return (await queryRows<{ summary: string }>(w.engine, 'SELECT summary FROM quality_summary'))[0]?.summary;
      } finally {
        await w.close();
      }
    };
    // As an older version stored it: a bare list.
    const w = await openNodeWorkspace(ws);
    await w.engine.query(`UPDATE quality_summary SET summary = '[]'`);
    await w.save();
    await w.close();
    expect(await stored()).toBe('[]');
    expect(danso('quality', '--workspace', ws, '--summary').code).toBe(0);
    expect(JSON.parse((await stored())!)).toMatchObject({ version: 4 });
  });
  it('makes no workspace when no file can be read, and names why in both languages', { timeout: 60_000 }, () => {
    const ws = join(dir, 'none');
    const r = danso('import', '--workspace', ws, join(dir, 'missing.csv'), dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`missing.csv: KHÔNG ĐỌC ĐƯỢC · UNREADABLE — Không tìm thấy tệp · file not found: ${join(dir, 'missing.csv')}`);
    expect(r.stdout).toContain(`${dir}: KHÔNG ĐỌC ĐƯỢC · UNREADABLE — Đây là thư mục, không phải tệp · a folder, not a file`);
    expect(existsSync(ws)).toBe(false);
  });
});

describe('commander’s own errors', () => {
  it('are given in both languages', () => {
    expect(commanderError("error: required option '-w, --workspace <dir>' not specified\n")).toBe(
      "Lỗi · error: thiếu tùy chọn bắt buộc · required option '-w, --workspace <dir>' not specified\n",
    );
    expect(commanderError("error: unknown command 'foo'\n")).toBe("Lỗi · error: không có lệnh · unknown command 'foo'\n");
    expect(commanderError("error: unknown option '--bogus'\n")).toBe("Lỗi · error: không có tùy chọn · unknown option '--bogus'\n");
    expect(commanderError('something else\n')).toBe('something else\n');
  });
  it('reach the user from a subcommand', { timeout: 60_000 }, () => {
    const r = danso('indicators');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Lỗi · error: thiếu tùy chọn bắt buộc · required option '-w, --workspace <dir>' not specified");
  });
});
