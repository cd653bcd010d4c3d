import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../analysis/engine/engine.js';
import { importFiles, type InputFile } from '../../../analysis/ingest/importer.js';
import type { ImportHelpers } from '../../../analysis/ingest/fast-csv.js';
import { hasDotZero, hasExoticSpace, hasPaddedField, regularCsv, scanSlice } from '../../../analysis/ingest/slice-scan.js';
import { makePseudonymiser, type Pseudonymiser } from '../../../analysis/ingest/pseudonym.js';
import { CANONICAL_TABLES } from '../../../analysis/model/schema.js';
import { nodeOffload } from '../../../analysis/workspace/node-offload.js';
import { NK_HEADER, memoryWorkspace, nkRow, utf8 } from './helpers.js';

const dir = join(import.meta.dirname, '../../../fixtures/small/a0/04288');
const TODAY = '2026-06-30';

/** Everything an import leaves in the workspace, in a comparable form. */
async function contents(files: InputFile[], fastCsv: boolean, chunkBytes?: number, worker = false) {
  const ws = await memoryWorkspace();
  // The key is random per workspace: give both the same one.
  const key = new Uint8Array(32).fill(5);
  const p = makePseudonymiser(key);
  (ws as unknown as { pseudonymise: Pseudonymiser }).pseudonymise = p;
  // As a Node workspace hashes and scans: on a worker thread (node-open.ts).
  if (worker) (ws as unknown as { helpers: ImportHelpers }).helpers = nodeOffload(key);
  try {
    const res = await importFiles(ws, files, { save: false, today: TODAY, fastCsv, ...(chunkBytes ? { chunkBytes } : {}) });
    const out: Record<string, unknown> = {
      res: res.map((r) => [r.file, r.table, r.rowsRead, r.kept, r.quarantined, r.warnings, r.rules]),
    };
    for (const t of CANONICAL_TABLES) out[t] = await queryRows(ws.engine, `SELECT * EXCLUDE (import_id) FROM ${t} ORDER BY ALL`);
    out.quality = await queryRows(ws.engine, `SELECT * EXCLUDE (import_id) FROM quality_report ORDER BY ALL`);
    return out;
  } finally {
    await ws.close();
  }
}

describe('fast CSV path (DuckDB reads, SQL converts plain rows)', () => {
  it('pseudonymises UTF-8 buffers exactly as strings', () => {
    const p = makePseudonymiser(new Uint8Array(32).map((_, i) => i * 7 + 1));
    const ids = ['030610071790', 'Mã-Đ-1', '', 'x'.repeat(1200), 'A1'];
    const parts = ids.map((s) => utf8(s));
    const offsets = new Int32Array(ids.length + 1);
    parts.forEach((b, i) => (offsets[i + 1] = offsets[i]! + b.length));
    const values = new Uint8Array(offsets[ids.length]!);
    parts.forEach((b, i) => values.set(b, offsets[i]!));
    const out = p.u64(values, offsets, ids.length);
    expect(Array.from(out, (x) => x.toString(16).padStart(16, '0'))).toEqual(ids.map((s) => p(s)));
  });

  it('tells regular files from those the JS reader must take', () => {
    const raw = (s: string) => {
      const bytes = utf8(s);
      return { bytes, delimiter: ',' as const, bodyStart: s.indexOf('\n') + 1 };
    };
    expect(regularCsv(raw('a,b\n1,2\n3,4\n'), 2)).toBe(true);
    expect(regularCsv(raw('a,b\n1,2\n\n3,4\n'), 2)).toBe(false);
    expect(regularCsv(raw('a,b\n1,2\r\n3,4\r\n\r\n'), 2)).toBe(true);
    expect(regularCsv(raw('a,b\n"1,x",2\n3\n'), 2)).toBe(false);
    expect(regularCsv(raw('a,b\n"1,x",2\n"3\n4",5\n'), 2)).toBe(true);
    expect(regularCsv(raw('a,b\nNguye\u0302\u0303n,2\n'), 2)).toBe(false);
    // A slice may end with blank lines only when it is the file's last.
    const slice = (t: string, last: boolean) => scanSlice(utf8(t), ',', 2, last);
    expect(slice('1,2\n3,4\n', false)).toEqual({ regular: true, exotic: false, padded: false, dotZero: false });
    expect(slice('1,2\n3,4\n\n', true).regular).toBe(true);
    expect(slice('1,2\n3,4\n\n', false).regular).toBe(false);
    expect(slice('1,2\r\n3,4\r\n\r\n', false).regular).toBe(false);
    expect(slice('\n3,4\n', false).regular).toBe(false);
    expect(slice('1,2\u00a0\n', false)).toEqual({ regular: true, exotic: true, padded: false, dotZero: false });
    expect(slice('1.0,2\n', false)).toEqual({ regular: true, exotic: false, padded: false, dotZero: true });
  });

  it('finds the fields that may begin or end with a space, and ids written as 12.0', () => {
    const padded = (t: string, d: ',' | ';' | '\t' = ',') => hasPaddedField(utf8(t), d);
    // Spaces inside a field are not padding; at either end of a field they are.
    expect(padded('Thôn 3,Mở sổ,Thường trú\r\n1 2,x\n')).toBe(false);
    for (const t of [' a,b\n', 'a ,b\n', 'a, b\n', 'a,b \n', 'a,b \r\n', 'a,"b "\n', 'a," b"\n', 'a,b\n ']) expect(padded(t), t).toBe(true);
    // A tab delimiter is not padding; a space next to it is.
    expect(padded('a\tb\tc d\n', '\t')).toBe(false);
    // Tabs and line breaks inside quotes are whitespace DuckDB's trim() leaves: the exact test.
    const exotic = (t: string, tab = false) => hasExoticSpace(utf8(t), tab);
    expect(exotic('a\t"b c"\t"d ""e"""\r\n', true)).toBe(false);
    for (const t of ['a\t"b\t"\n', 'a\t"\tb"\n', 'a\t"b\nc"\n', 'a\t"x""\rb"\n']) expect(exotic(t, true), t).toBe(true);
    expect(exotic('a,"b\n",c\n')).toBe(true);
    expect(exotic('a,b\tc\n')).toBe(true);
    expect(padded('a\t b\n', '\t')).toBe(true);
    expect(padded('a; b\n', ';')).toBe(true);
    expect(padded('a ;b\n', ';')).toBe(true);
    expect(hasDotZero(utf8('1.5,2\n3,4.\n'))).toBe(false);
    expect(hasDotZero(utf8('1,2.00\n'))).toBe(true);
  });

  it('gives exactly what the JS reader gives on a commune’s eight tables', { timeout: 300_000 }, async () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(dir, f))) }));
    const js = await contents(files, false);
    expect(await contents(files, true)).toEqual(js);
    // In slices of about 100 kB (row numbers continue across slices), hashed on a worker thread.
    expect(await contents(files, true, 100_000, true)).toEqual(js);
  });

  it('gives exactly what the JS reader gives on rows with problems', { timeout: 120_000 }, async () => {
    const rows = [
      nkRow({ id: 'A1' }),
      nkRow({ id: 'A2', birth: '1990' }),
      nkRow({ id: 'A3', birth: '3/5/1990' }),
      nkRow({ id: 'A4', birth: '31/02/1990' }),
      nkRow({ id: 'A5', commune: '4465' }),
      nkRow({ id: 'A6', commune: '99999' }),
      nkRow({ id: ' A7 ' }),
      nkRow({ id: 'A8.0' }),
      nkRow({ id: 'A9', sex: 'nu' }),
      nkRow({ id: 'A10', sex: 'X' }),
      nkRow({ id: 'A11', birth: '01/01/2030' }),
      nkRow({ id: 'A12', entry: '01/01/1980', birth: '01/01/1990' }),
      nkRow({ id: 'A13', res: '' }),
      nkRow({ id: 'A14', res: 'Tạm trú', exit: '01/02/2023', exitReason: 'Chết' }),
      nkRow({ id: 'A1' }),
      nkRow({ id: '', hh: '' }),
      nkRow({ id: 'A15', birth: '1990-03-05' }),
      nkRow({ id: 'A16', mother: 'A1' }),
      // Spaces DuckDB's trim() leaves and JS's trim() removes: the slice needs the exact test
      // (in slices of 300 bytes, the other slices keep the plain one).
      nkRow({ id: 'A17\u00a0' }),
      nkRow({ id: '\u1680A18' }),
      nkRow({ id: 'A19\u3000', hh: '\ufeffH2' }),
      nkRow({ id: 'A20\t' }),
    ];
    const files = [{ name: 'nk.csv', bytes: utf8([NK_HEADER, ...rows].join('\r\n') + '\r\n') }];
    const fast = await contents(files, true);
    expect(fast).toEqual(await contents(files, false));
    expect(await contents(files, true, 300)).toEqual(fast);
    expect(await contents(files, true, 300, true)).toEqual(fast);
    expect((fast.res as unknown[][])[0]![2]).toBe(rows.length);
  });

  it('gives exactly what the JS reader gives on ages at a birthday', { timeout: 120_000 }, async () => {
    // Mothers 10 and 55 on the day of the birth, 9 and 56 the day before or after; a birthday
    // on 29/02; husbands' and wives' ages computed from the dates on either side of a birthday.
    const births = [
      ['B1', '12/08/2011', '12/08/2021'], ['B2', '13/08/2011', '12/08/2021'], ['B3', '12/08/1966', '12/08/2021'],
      ['B4', '11/08/1965', '12/08/2021'], ['B5', '29/02/2000', '28/02/2010'], ['B6', '29/02/2000', '01/03/2010'],
      ['B7', '01/01/1990', '31/12/2020'], ['B8', '31/12/1990', '01/01/2021'],
    ].map(([id, mb, b]) => `04288,${id},M${id},${mb},${b},Nam,1,Bệnh viện,,`);
    const marriages = [
      ['08/11/1994', '09/11/1996', '08/11/2019'], ['09/11/1994', '08/11/1996', '08/11/2019'], ['29/02/1996', '01/03/1996', '28/02/2016'],
      ['', '01/01/2000', '01/01/2020'],
    ].map(([h, w, m], i) => `04288,H${i},W${i},${h},${w},${m},,`);
    const files = [
      { name: 'sinh.csv', bytes: utf8(['Mã xã,Mã đối tượng,Mã mẹ,Ngày sinh mẹ,Ngày sinh,Giới tính,Con thứ,Nơi sinh,Ngày sàng lọc sơ sinh,Số bệnh sàng lọc sơ sinh', ...births].join('\n') + '\n') },
      { name: 'ket_hon.csv', bytes: utf8(['Mã xã,Mã chồng,Mã vợ,Ngày sinh chồng,Ngày sinh vợ,Ngày kết hôn,Khám sức khỏe trước kết hôn,Cận huyết thống', ...marriages].join('\n') + '\n') },
    ];
    const js = await contents(files, false);
    expect(await contents(files, true)).toEqual(js);
    // As the rules say: mothers of B2, B5 (9) and B4 (56) quarantined; the last marriage has
    // neither the husband's birth date nor his age.
    expect((js.res as unknown[][]).map((r) => r.slice(1, 5))).toEqual([['sinh', 8, 5, 3], ['ket_hon', 4, 3, 1]]);
    expect((js.quality as Array<{ row: number; rule: string }>).filter((p) => p.rule === 'mother_age_implausible').map((p) => p.row).sort()).toEqual([3, 5, 6]);
    expect((js.ket_hon as Array<{ husband_age: number; wife_age: number }>).map((r) => [r.husband_age, r.wife_age]).sort()).toEqual(
      [[19, 19], [24, 23], [25, 22]].sort(),
    );
  });

  it('gives exactly what the JS reader gives on tabs and line breaks inside quotes', { timeout: 120_000 }, async () => {
    const tsv = (r: string) => r.replaceAll(',', '\t');
    const files = [
      { name: 'nk.csv', bytes: utf8([NK_HEADER, nkRow({ hh: '"H1\n"' }), nkRow({ id: 'P2', hh: '"\rH2"' }), nkRow({ id: 'P3' })].join('\n') + '\n') },
      { name: 'nk2.tsv', bytes: utf8([tsv(NK_HEADER), tsv(nkRow({ id: '"P4\t"', commune: '04456' })), tsv(nkRow({ id: 'P5', commune: '04456' }))].join('\n') + '\n') },
    ];
    const js = await contents(files, false);
    expect(await contents(files, true)).toEqual(js);
    expect(await contents(files, true, undefined, true)).toEqual(js);
    // Trimmed as the JS reader trims them.
    const rows = js.nhan_khau as Array<{ household_id: string }>;
    expect(rows.map((r) => r.household_id).sort()).toEqual(['H1', 'H1', 'H1', 'H1', 'H2']);
  });

  it('starts again with the JS reader when a later slice is irregular', { timeout: 120_000 }, async () => {
    // A blank line after 40 rows: found by the scan of a slice after some were staged.
    const rows = Array.from({ length: 60 }, (_, i) => nkRow({ id: `B${i}` }));
    rows.splice(40, 0, '');
    const files = [{ name: 'nk.csv', bytes: utf8([NK_HEADER, ...rows].join('\n') + '\n') }];
    const js = await contents(files, false);
    expect(await contents(files, true, 1000)).toEqual(js);
    expect(await contents(files, true, 1000, true)).toEqual(js);
    expect((js.res as unknown[][])[0]![2]).toBe(60);
  });
});
