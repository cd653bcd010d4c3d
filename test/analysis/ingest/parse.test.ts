import { describe, expect, it } from 'vitest';
import { normaliseCode } from '../../../analysis/ingest/codes.js';
import { readCsv } from '../../../analysis/ingest/csv.js';
import { parseDate, ageAt } from '../../../analysis/ingest/dates.js';
import { parsePeriod } from '../../../analysis/ingest/period.js';
import { fold } from '../../../analysis/ingest/fold.js';
import { utf8 } from './helpers.js';

describe('dates', () => {
  it.each([
    ['05/03/1990', '1990-03-05', false],
    ['5/3/1990', '1990-03-05', false],
    ['1990-03-05', '1990-03-05', false],
    ['03/1990', '1990-03-15', true],
    ['1990', '1990-07-01', true],
    [1990, '1990-07-01', true],
    [32937, '1990-03-05', false], // Excel serial
    ['32937', '1990-03-05', false],
  ] as const)('%s → %s', (raw, iso, imputed) => {
    expect(parseDate(raw)).toEqual({ ok: true, iso, imputed });
  });
  it.each(['31/02/2020', '2024-13-01', 'abc', '', '00/00/0000'])('rejects %s', (raw) => {
    expect(parseDate(raw).ok).toBe(false);
  });
  it('counts completed years', () => {
    expect(ageAt('1990-03-05', '2000-03-04')).toBe(9);
    expect(ageAt('1990-03-05', '2000-03-05')).toBe(10);
  });
});

describe('periods', () => {
  it.each([
    ['2024', '2024', 'year'],
    ['Năm 2024', '2024', 'year'],
    ['2024-Q2', '2024-Q2', 'quarter'],
    ['Quý 2/2024', '2024-Q2', 'quarter'],
    ['Quý II/2024', '2024-Q2', 'quarter'],
    ['QUY IV/2024', '2024-Q4', 'quarter'],
    ['2024-05', '2024-05', 'month'],
    ['Tháng 5/2024', '2024-05', 'month'],
  ])('%s', (raw, period, periodType) => {
    expect(parsePeriod(raw)).toEqual({ period, periodType, year: 2024 });
  });
  it('rejects nonsense', () => {
    expect(parsePeriod('Quý 5/2024')).toBeUndefined();
    expect(parsePeriod('Tháng 13/2024')).toBeUndefined();
  });
});

describe('codes', () => {
  it('normalises sex, yes/no, residence, moves and methods', () => {
    const v = (k: Parameters<typeof normaliseCode>[0], raw: string) => {
      const r = normaliseCode(k, raw);
      return r.ok ? r.value : 'INVALID';
    };
    expect(['Nam', 'Nữ', 'NU', '1', '2', 'M', 'F', 'X'].map((s) => v('sex', s))).toEqual(['M', 'F', 'F', 'M', 'F', 'M', 'F', 'INVALID']);
    expect(['Có', 'x', '', '1', '0', 'TRUE', 'FALSE', 'Không'].map((s) => v('yesno', s))).toEqual([
      'true', 'true', 'false', 'true', 'false', 'true', 'false', 'false',
    ]);
    expect(['Thường trú', 'TAM VANG', 'Tạm trú'].map((s) => v('residence', s))).toEqual(['thuong_tru', 'tam_vang', 'tam_tru']);
    expect(['Chuyển đến', 'Chuyển đi'].map((s) => v('move_type', s))).toEqual(['in', 'out']);
    expect(['Vòng', 'Dụng cụ tử cung', 'Bao cao su', 'Tính vòng kinh'].map((s) => v('method', s))).toEqual(['iud', 'iud', 'condom', 'rhythm']);
    // A user code table: 1/2/3 for residence status.
    const user = { '1': 'thuong_tru', '2': 'tam_vang', '3': 'tam_tru' };
    expect(normaliseCode('residence', '3', user)).toEqual({ ok: true, value: 'tam_tru' });
  });
  it('folds headers case-, space- and diacritic-insensitively', () => {
    expect(new Set(['Mã xã', 'MA XA', 'ma_xa', ' Mã  Xã '].map(fold))).toEqual(new Set(['maxa']));
  });
});

describe('CSV', () => {
  it.each([',', ';', '\t'])('splits on %j with quoted fields and numbers rows across chunks', (d) => {
    const lines = ['Mã xã', 'Ghi chú'].join(d) + '\n';
    let body = '';
    for (let i = 0; i < 300; i++) body += [`0446${i % 10}`, `"a${d} ""b""\nc${i}"`].join(d) + '\r\n';
    const src = readCsv(utf8(lines + body), { encoding: 'utf-8', chunkBytes: 256 });
    expect(src.delimiter).toBe(d);
    expect(src.headers).toEqual(['Mã xã', 'Ghi chú']);
    const rows: unknown[][] = [];
    const nums: number[] = [];
    let chunks = 0;
    for (const c of src.chunks()) {
      rows.push(...c.rows);
      nums.push(...c.rowNumbers);
      chunks++;
    }
    expect(chunks).toBeGreaterThan(10);
    expect(rows.length).toBe(300);
    expect(rows[299]).toEqual(['04469', `a${d} "b"\nc299`]);
    expect(nums[0]).toBe(2);
    expect(nums[299]).toBe(301);
  });
});
