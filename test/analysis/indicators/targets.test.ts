import { readFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { bundledTargets, evaluateTargets, parseTargetsCsv, parseTargetsFile, parseTargetsWorkbook, type IndicatorResult } from '../../../analysis/indicators/index.js';

const csv = readFileSync('/work/shared/data/plan-targets-2026.csv', 'utf8');

const result = (o: Partial<IndicatorResult>): IndicatorResult => ({
  indicator: 'srb', unit_code: '15', unit_name: 'Lào Cai', level: 'province', period: '2026', value: null, lower: null, upper: null,
  numerator: null, denominator: null, events: null, flag: '', ...o,
});

describe('parseTargetsCsv', () => {
  it('reads the two plans of shared/data/plan-targets-2026.csv', () => {
    const t = parseTargetsCsv(csv);
    expect(t).toHaveLength(17);
    expect(t[0]).toMatchObject({ unit_code: '15', year: 2026, indicator: 'e0', comparator: '>=', target: 72.4, unit: 'years' });
    expect(t.find((x) => x.indicator === 'srb' && x.unit_code === '15')!.comparator).toBe('<');
    expect(t.find((x) => x.indicator === 'srb_change')).toMatchObject({ unit_code: '11674', comparator: '<=', target: -0.3 });
    expect(t.find((x) => x.indicator === 'new_acceptors' && x.unit_code === '15')!.target).toBe(94323);
  });
  it('bundles the same plans for the app and the CLI', () => {
    expect(bundledTargets()).toEqual(parseTargetsCsv(csv));
  });
  it('reads the same columns from XLSX', () => {
    const wb = XLSX.utils.book_new();
    const rows = parseTargetsCsv(csv);
    XLSX.utils.book_append_sheet(wb, XLSX.utils.json_to_sheet(rows), 'targets');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    expect(parseTargetsWorkbook(bytes)).toEqual(rows);
  });
  it('refuses a bad comparator with the row number', () => {
    expect(() => parseTargetsCsv('unit_code,unit_name,year,indicator,comparator,target,unit,source_text\n15,x,2026,tfr,=,2,,')).toThrow(/row 2/);
  });
  it('refuses an empty target, an unknown indicator and missing columns, saying which', () => {
    const head = 'unit_code,unit_name,year,indicator,comparator,target,unit,source_text\n';
    expect(() => parseTargetsCsv(`${head}15,x,2026,tfr,<=,2.3,,\n15,x,2026,srb,<,,,`)).toThrow(/row 3: .*bad target ""/);
    expect(() => parseTargetsCsv(`${head}15,x,2026,TFR2,<=,2.3,,`)).toThrow(/row 2: .*unknown indicator "TFR2".*tfr/);
    expect(() => parseTargetsCsv('unit,year,ma_so,comparator,target\n15,2026,tfr,<=,2.3')).toThrow(/lacks the column\(s\) unit_code, indicator/);
  });
  it('reads a plan table with Vietnamese headers, codes in any case and a percent sign', () => {
    const t = parseTargetsCsv('Mã đơn vị,Tên đơn vị,Năm,Chỉ tiêu,So sánh,Mục tiêu,Đơn vị tính,Ghi chú\n15,Lào Cai,2026,MCPR,≥,71%,%,"Tỷ lệ ... 71%"\n');
    expect(t).toEqual([{ unit_code: '15', unit_name: 'Lào Cai', year: 2026, indicator: 'mcpr', comparator: '>=', target: 71, unit: '%', source_text: 'Tỷ lệ ... 71%' }]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['KẾ HOẠCH 2026'], [], ['MÃ ĐƠN VỊ', 'NĂM', 'CHỈ TIÊU', 'SO SÁNH', 'MỤC TIÊU'], ['15', 2026, 'tfr', '<=', 2.3]]), 'KH');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    expect(parseTargetsWorkbook(bytes)).toMatchObject([{ unit_code: '15', year: 2026, indicator: 'tfr', comparator: '<=', target: 2.3 }]);
  });
  it('reads a count target with the thousands separators plans print (94.323 is 94323), and refuses a fractional count', () => {
    const head = 'unit_code,unit_name,year,indicator,comparator,target,unit,source_text\n';
    const targets = parseTargetsCsv(`${head}15,x,2026,new_acceptors,>=,94.323,,\n15,x,2026,new_acceptors,>=,"94,323",,\n15,x,2026,e0,>=,"72,4",,\n15,x,2026,tfr,<=,2.300,,`);
    expect(targets.map((t) => t.target)).toEqual([94323, 94323, 72.4, 2.3]);
    expect(() => parseTargetsCsv(`${head}15,x,2026,new_acceptors,>=,94.3,,`)).toThrow(/row 2: .*must be a whole number: "94.3"/);
  });
  it('refuses a year that is not a year (a date cell arrives as a day number), and names the file line after blank lines', () => {
    const head = 'unit_code,unit_name,year,indicator,comparator,target,unit,source_text\n';
    expect(() => parseTargetsCsv(`${head}15,x,46387,tfr,<=,2.3,,`)).toThrow(/row 2: .*bad year .*"46387"/);
    expect(() => parseTargetsCsv(`${head}15,x,26,tfr,<=,2.3,,`)).toThrow(/row 2: .*bad year/);
    expect(() => parseTargetsCsv(`${head}15,x,2026,tfr,<=,2.3,,\n\n15,x,2026,srb,=,111,,\n`)).toThrow(/row 4: .*bad comparator/);
  });
  it('finds the XLSX header under a title, reads a literal "%" format as the number shown, and names the sheet row', () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['KẾ HOẠCH DÂN SỐ NĂM 2026'],
      [],
      ['unit_code', 'unit_name', 'year', 'indicator', 'comparator', 'target', 'unit', 'source_text'],
      [15, 'Lào Cai', 2026, 'prenatal_screening', '>=', 62, '%', ''],
      [15, 'Lào Cai', 2026, 'srb', '=', 111, '', ''],
    ]);
    sheet['F4']!.z = '0"%"';
    const book = (s: XLSX.WorkSheet) => {
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, s, 'targets');
      return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    };
    expect(() => parseTargetsWorkbook(book(sheet))).toThrow(/row 5: .*bad comparator "="/);
    sheet['E5']!.v = '<';
    expect(parseTargetsWorkbook(book(sheet)).map((t) => [t.indicator, t.target])).toEqual([
      ['prenatal_screening', 62],
      ['srb', 111],
    ]);
  });
  it('refuses a file that holds no targets', () => {
    const bytes = new TextEncoder().encode('unit_code,unit_name,year,indicator,comparator,target,unit,source_text\n');
    expect(() => parseTargetsFile('plan.csv', bytes)).toThrow(/holds no targets: plan.csv/);
  });
  it('reads XLSX numbers as values, not as the text shown: thousands separators and percentages', () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['unit_code', 'unit_name', 'year', 'indicator', 'comparator', 'target', 'unit', 'source_text'],
      [15, 'Lào Cai', 2026, 'new_acceptors', '>=', 94323, 'persons', ''],
      [15, 'Lào Cai', 2026, 'prenatal_screening', '>=', 0.62, '%', ''],
      [15, 'Lào Cai', 2026, 'tfr', '<=', 2.3, '', ''],
    ]);
    sheet['F2']!.z = '#,##0';
    sheet['F3']!.z = '0%';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, sheet, 'targets');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    expect(parseTargetsWorkbook(bytes).map((t) => [t.unit_code, t.year, t.indicator, t.target])).toEqual([
      ['15', 2026, 'new_acceptors', 94323],
      ['15', 2026, 'prenatal_screening', 62],
      ['15', 2026, 'tfr', 2.3],
    ]);
  });
});

describe('evaluateTargets', () => {
  const [srb] = parseTargetsCsv(csv).filter((t) => t.indicator === 'srb'); // srb < 111 in 2026
  it('met when the whole interval satisfies the target, missed when none of it does, else undecided', () => {
    expect(evaluateTargets([result({ value: 105, lower: 100, upper: 110 })], [srb!])[0]!.status).toBe('met');
    expect(evaluateTargets([result({ value: 118, lower: 112, upper: 125 })], [srb!])[0]!.status).toBe('missed');
    const u = evaluateTargets([result({ value: 109, lower: 100, upper: 120 })], [srb!])[0]!;
    expect(u.status).toBe('undecided');
    expect(u.latest).toBe(false);
    // Strict: an upper bound equal to 111 does not satisfy "< 111".
    expect(evaluateTargets([result({ value: 105, lower: 100, upper: 111 })], [srb!])[0]!.status).toBe('undecided');
  });
  it('uses the latest period, labelled, when the target year has no data', () => {
    const e = evaluateTargets(
      [result({ period: '2024', value: 120, lower: 115, upper: 125 }), result({ period: '2025', value: 104, lower: 100, upper: 108 })],
      [srb!],
    )[0]!;
    expect(e).toMatchObject({ status: 'met', period: '2025', latest: true });
    expect(e.note).toContain('2025');
  });
  it('a suppressed target-year value is no_data with its reason, not replaced by an earlier year', () => {
    const e = evaluateTargets(
      [
        result({ period: '2025', value: 104, lower: 100, upper: 108 }),
        result({ period: '2026', flag: 'suppressed', reason: 'dưới 5.000 người-năm · under 5,000 person-years' }),
      ],
      [srb!],
    )[0]!;
    expect(e).toMatchObject({ status: 'no_data', period: '2026', latest: false, flag: 'suppressed', value: null });
    expect(e.note).toContain('under 5,000 person-years');
  });
  it('a pooled window ending in the target year is that year, not the latest data', () => {
    const e = evaluateTargets([result({ period: '2024-2026', value: 104, lower: 100, upper: 108 })], [srb!])[0]!;
    expect(e).toMatchObject({ status: 'met', period: '2024-2026', latest: false });
    const before = evaluateTargets([result({ period: '2023-2025', value: 104, lower: 100, upper: 108 })], [srb!])[0]!;
    expect(before).toMatchObject({ period: '2023-2025', latest: true });
  });
  it('judges a count pooled over k years by its yearly average', () => {
    const acceptors = parseTargetsCsv(csv).find((t) => t.indicator === 'new_acceptors' && t.unit_code === '11674')!; // >= 797
    const pooled = (total: number) => result({ indicator: 'new_acceptors', unit_code: '11674', level: 'commune', period: '2024-2026', value: total });
    expect(evaluateTargets([pooled(3 * 800)], [acceptors])[0]).toMatchObject({ status: 'met', value: 800 });
    expect(evaluateTargets([pooled(3 * 790)], [acceptors])[0]).toMatchObject({ status: 'missed', value: 790 });
    // A rate pooled over the window is already a yearly figure.
    expect(evaluateTargets([result({ period: '2024-2026', value: 112, lower: 111.5, upper: 112.5 })], [srb!])[0]).toMatchObject({ status: 'missed', value: 112 });
  });
  it('no_data when nothing matches, and compares values without intervals', () => {
    const targets = parseTargetsCsv(csv);
    const acceptors = targets.find((t) => t.indicator === 'new_acceptors' && t.unit_code === '11674')!;
    expect(evaluateTargets([], [acceptors])[0]!.status).toBe('no_data');
    // Why, when the results say: another unit's plan, an indicator not computed, no year up to the target's.
    expect(evaluateTargets([result({ value: 104 })], [acceptors])[0]!.note).toContain('unit 11674 is not in the data');
    expect(evaluateTargets([result({ unit_code: '11674', value: 104 })], [acceptors])[0]!.note).toContain('new_acceptors was not computed for this unit');
    const later = result({ indicator: 'new_acceptors', unit_code: '11674', period: '2027', value: 800 });
    expect(evaluateTargets([later], [acceptors])[0]).toMatchObject({ status: 'no_data', note: expect.stringContaining('no yearly data for the unit up to 2026') });
    const r = result({ indicator: 'new_acceptors', unit_code: '11674', level: 'commune', value: 800 });
    expect(evaluateTargets([r], [acceptors])[0]!.status).toBe('met');
  });
});
