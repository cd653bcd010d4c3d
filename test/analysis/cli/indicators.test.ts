import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseYears, resultsCsv, RESULT_COLUMNS, toComputeOptions } from '../../../analysis/cli/indicators.js';
import { buildProgram } from '../../../analysis/cli/main.js';
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
  it('writes JSON rows', async () => {
    const out = join(dir, 'out.json');
    await buildProgram().parseAsync(['node', 'danso', 'indicators', '--workspace', join(dir, 'ws'), '--indicators', 'srb', '--out', out]);
    const rows = JSON.parse(readFileSync(out, 'utf8')) as Array<{ indicator: string; level: string; value: number }>;
    expect(rows.map((r) => r.level).sort()).toEqual(['commune', 'province']);
    expect(rows[0]!.value).toBeCloseTo((100 * 150) / 130, 10);
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
