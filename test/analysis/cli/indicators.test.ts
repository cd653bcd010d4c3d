import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseYears, resultsCsv, RESULT_COLUMNS, toComputeOptions } from '../../../analysis/cli/indicators.js';
import { buildProgram, main } from '../../../analysis/cli/main.js';
import { parseTargetsCsv } from '../../../analysis/indicators/index.js';
import { openNodeWorkspace } from '../../../analysis/workspace/node-open.js';
import { insertRows } from '../indicators/helpers.js';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'danso-ind-'));
  const ws = await openNodeWorkspace(join(dir, 'ws'));
  const m = (c: string, year: number, element: string, sex: string | null, value: number) => ({
    commune_code: c, period: String(year), period_type: 'year', year, element, sex, age_group: null, value,
  });
  await insertRows(ws.engine, 'mis', [
    m('11674', 2024, 'population', null, 20000), m('11674', 2025, 'population', null, 20100),
    m('11674', 2025, 'births', 'M', 150), m('11674', 2025, 'births', 'F', 130),
  ]);
  await ws.save();
  await ws.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('danso indicators', () => {
  it('writes exactly the result columns, "." decimals, period as the year', async () => {
    const out = join(dir, 'out.csv');
    await buildProgram().parseAsync(['node', 'danso', 'indicators', '--workspace', join(dir, 'ws'), '--level', 'commune', '--indicators', 'cbr,srb', '--out', out]);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(RESULT_COLUMNS.join(','));
    const cbr = lines.find((l) => l.startsWith('cbr,'))!.split(',');
    expect(cbr.slice(0, 5)).toEqual(['cbr', '11674', 'Xã An Hưng', 'commune', '2025']);
    expect(Number(cbr[5])).toBeCloseTo((280 / 20050) * 1000, 10);
    expect(cbr[5]).toContain('.');
    expect(cbr[8]).toBe('280');
    expect(cbr[9]).toBe('20050');
  }, 120_000);
  it('targets without a file judges against what the dashboard uses: the workspace’s opened targets, else the bundled 2026 plans', async () => {
    const lines = async () => {
      const out: string[] = [];
      const err: string[] = [];
      vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.map(String).join(' ')));
      vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.map(String).join(' ')));
      try {
        await buildProgram().parseAsync(['node', 'danso', 'targets', '--workspace', join(dir, 'ws')]);
      } finally {
        vi.restoreAllMocks();
      }
      return { out, err };
    };
    const bundled = await lines();
    expect(bundled.err).toContain('Kế hoạch 2026 kèm theo · the bundled 2026 plans');
    expect(bundled.out).toHaveLength(parseTargetsCsv(readFileSync('/work/shared/data/plan-targets-2026.csv', 'utf8')).length);
    // A file opened in the app is kept as targets.json in the workspace.
    const ws = await openNodeWorkspace(join(dir, 'ws'));
    const opened = { file: 'ke-hoach.csv', targets: [{ unit_code: '11674', unit_name: 'An Hưng', year: 2025, indicator: 'srb', comparator: '<', target: 111, unit: '', source_text: '' }] };
    await ws.store.write('targets.json', new TextEncoder().encode(JSON.stringify(opened)));
    await ws.close();
    try {
      const mine = await lines();
      expect(mine.err).toContain("Mục tiêu của không gian làm việc · the workspace's targets: ke-hoach.csv");
      expect(mine.out).toHaveLength(1);
      expect(mine.out[0]).toMatch(/^11674 srb < 111 \(2025\): /);
    } finally {
      const again = await openNodeWorkspace(join(dir, 'ws'));
      await again.store.remove('targets.json');
      await again.close();
    }
  }, 120_000);
  it('takes indicator codes in any case, as a user types them', async () => {
    const out = join(dir, 'upper.csv');
    await buildProgram().parseAsync(['node', 'danso', 'indicators', '--workspace', join(dir, 'ws'), '--level', 'commune', '--indicators', 'CBR, Srb', '--out', out]);
    const codes = readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
    expect([...new Set(codes)]).toEqual(['cbr', 'srb']);
  }, 120_000);
  it('writes JSON rows', async () => {
    const out = join(dir, 'out.json');
    await buildProgram().parseAsync(['node', 'danso', 'indicators', '--workspace', join(dir, 'ws'), '--indicators', 'srb', '--out', out]);
    const rows = JSON.parse(readFileSync(out, 'utf8')) as Array<{ indicator: string; level: string; value: number }>;
    expect(rows.map((r) => r.level).sort()).toEqual(['commune', 'province']);
    expect(rows[0]!.value).toBeCloseTo((100 * 150) / 130, 10);
  }, 120_000);
  it('targets prints one line per target: the indicator\'s decimals, and why there is no data', async () => {
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.map(String).join(' ')));
    try {
      await buildProgram().parseAsync(['node', 'danso', 'targets', '--workspace', join(dir, 'ws'), '--targets', '/work/shared/data/plan-targets-2026.csv']);
    } finally {
      vi.restoreAllMocks();
    }
    expect(out).toHaveLength(17);
    // Lào Cai's plan against a workspace of one Hải Phòng commune.
    expect(out[0]).toBe('15 e0 >= 72.4 (2026): no_data — Không có số liệu · no data (đơn vị 15 không có trong số liệu · unit 15 is not in the data)');
    // An Hưng's SRB change needs births in two periods: 2025 only here, so its reason.
    const change = out.find((l) => l.startsWith('11674 srb_change'))!;
    expect(change).toMatch(/^11674 srb_change <= -0\.3 \(2026\): no_data — 2025 Không có số liệu · no data \(số liệu mới nhất 2025 · latest data 2025; .+\)$/);
    // A value with SRB's one decimal (100 × 150 / 130 = 115.38…) and its interval.
    const mine = join(dir, 'srb-target.csv');
    writeFileSync(mine, 'unit_code,unit_name,year,indicator,comparator,target,unit,source_text\n11674,An Hưng,2025,srb,<,111,,"SRB < 111, kế hoạch thử"\n');
    out.length = 0;
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.map(String).join(' ')));
    try {
      await buildProgram().parseAsync(['node', 'danso', 'targets', '--workspace', join(dir, 'ws'), '--targets', mine]);
    } finally {
      vi.restoreAllMocks();
    }
    expect(out).toHaveLength(1);
    // 150 boys, 130 girls: the Wilson interval of p = 150/280 (0.477–0.594) maps to about 91–146, which straddles 111.
    expect(out[0]).toMatch(/^11674 srb < 111 \(2025\): undecided 115\.4 \[9\d\.\d; 14\d\.\d\] 2025 /);
    // The CSV keeps the plan's own wording of the target beside the status.
    const csv = join(dir, 'targets.csv');
    await buildProgram().parseAsync(['node', 'danso', 'targets', '--workspace', join(dir, 'ws'), '--targets', mine, '--out', csv]);
    const [head, row] = readFileSync(csv, 'utf8').trim().split('\n');
    expect(head).toBe('unit_code,unit_name,year,indicator,comparator,target,unit,source_text,period,latest,value,lower,upper,flag,status,note');
    expect(row).toMatch(/^11674,An Hưng,2025,srb,<,111,,"SRB < 111, kế hoạch thử",2025,false,115\.38/);
  }, 120_000);
});

describe('option parsing', () => {
  it('parses years, pool, levels and refuses nonsense', () => {
    expect(parseYears('2021-2025')).toEqual([2021, 2025]);
    expect(parseYears('2024')).toEqual([2024, 2024]);
    expect(() => parseYears('21-25')).toThrow();
    expect(toComputeOptions({ workspace: 'x', level: 'commune', pool: '3', smooth: 'eb', lifetable: 'chiang2', indicators: 'tfr, srb' })).toEqual({
      level: ['commune'], pool: 3, smooth: 'eb', lifeTable: 'chiang2', indicators: ['tfr', 'srb'],
    });
    expect(() => toComputeOptions({ workspace: 'x', pool: '0' })).toThrow();
    expect(() => toComputeOptions({ workspace: 'x', level: 'district' })).toThrow();
  });
  it('quotes cells that need it and leaves nulls empty', () => {
    const csv = resultsCsv([
      { indicator: 'e0', unit_code: '1', unit_name: 'A, B', level: 'commune', period: '2023-2025', value: null, lower: null, upper: null, numerator: 3, denominator: 4000, events: 3, flag: 'suppressed', reason: 'x' },
    ], ['reason']);
    expect(csv.split('\n')[1]).toBe('e0,1,"A, B",commune,2023-2025,,,,3,4000,3,suppressed,x');
  });
});

describe('errors as a user reads them', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });
  /** Runs the CLI; returns what it wrote to stderr and its exit code. */
  const run = async (...args: string[]) => {
    const err: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.map(String).join(' ')));
    await main(['node', 'danso', ...args]);
    return { stderr: err.join('\n'), code: process.exitCode };
  };
  it('an unknown indicator code is refused with the valid codes, before any work', async () => {
    const r = await run('indicators', '--workspace', join(dir, 'ws'), '--indicators', 'tfr,TFR2');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--indicators is not valid: "TFR2" \(chọn · choose: .*\btfr\b.*\bsrb\b/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  it('an --out into a missing folder is refused before computing, and nothing is written', async () => {
    const out = join(dir, 'missing', 'x.csv');
    const r = await run('indicators', '--workspace', join(dir, 'ws'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the folder of --out does not exist');
    expect(existsSync(out)).toBe(false);
    vi.restoreAllMocks();
    expect((await run('indicators', '--workspace', join(dir, 'ws'), '--out', dir)).stderr).toContain('--out is a folder, give a file name');
    // A kind it cannot write (CSV text in a .xlsx would not open in Excel): refused, nothing written.
    vi.restoreAllMocks();
    const xlsx = join(dir, 'ind.xlsx');
    expect((await run('indicators', '--workspace', join(dir, 'ws'), '--out', xlsx)).stderr).toBe(
      `Lỗi · error: --out phải là tệp .csv hoặc .json · --out must be a .csv or .json file: ${xlsx}`,
    );
    vi.restoreAllMocks();
    expect((await run('targets', '--workspace', join(dir, 'ws'), '--targets', '/work/shared/data/plan-targets-2026.csv', '--out', xlsx)).stderr).toContain(
      '--out must be a .csv or .json file',
    );
    vi.restoreAllMocks();
    expect((await run('quality', '--workspace', join(dir, 'ws'), '--out', join(dir, 'q.txt'))).stderr).toContain('--out must be a .csv or .xlsx file');
    expect(existsSync(xlsx)).toBe(false);
  });
  it('targets checks its options and names a missing targets file', async () => {
    const targets = '/work/shared/data/plan-targets-2026.csv';
    expect((await run('targets', '--workspace', join(dir, 'ws'), '--targets', targets, '--pool', '0')).stderr).toContain('--pool must be an integer ≥ 1');
    vi.restoreAllMocks();
    expect((await run('targets', '--workspace', join(dir, 'ws'), '--targets', targets, '--lifetable', 'x')).stderr).toContain('--lifetable is not valid');
    vi.restoreAllMocks();
    const r = await run('targets', '--workspace', join(dir, 'ws'), '--targets', join(dir, 'none.csv'));
    expect(r).toEqual({ stderr: `Lỗi · error: Không tìm thấy tệp · file not found: ${join(dir, 'none.csv')}`, code: 1 });
  });
  it('quality refuses a folder that is not a workspace, and leaves it as it was', async () => {
    const none = join(dir, 'not-a-workspace');
    const r = await run('quality', '--workspace', none);
    expect(r).toEqual({ stderr: `Không tìm thấy không gian làm việc · no workspace at ${none} (danso import --workspace DIR FILE…)`, code: 2 });
    expect(existsSync(none)).toBe(false);
    vi.restoreAllMocks();
    expect((await run('quality', '--workspace', join(dir, 'ws'), '--out', join(dir, 'missing', 'q.csv'))).stderr).toContain('the folder of --out does not exist');
  });
  it('says why a request gives no rows', async () => {
    const out = join(dir, 'empty.csv');
    const r = await run('indicators', '--workspace', join(dir, 'ws'), '--years', '2030-2031', '--out', out);
    expect(readFileSync(out, 'utf8')).toBe(RESULT_COLUMNS.join(',') + '\n');
    expect(r.stderr).toContain('no results: the workspace has no data for the chosen source, level or years');
  }, 120_000);
});
