import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../analysis/engine/engine.js';
import { importFiles } from '../../../analysis/ingest/importer.js';
import { previewFile } from '../../../analysis/ingest/preview.js';
import { communeFromHeader, findPeriod, saveWideItemCodes } from '../../../analysis/ingest/wide.js';
import { memoryWorkspace, utf8 } from './helpers.js';

const small = join(import.meta.dirname, '../../../fixtures/small');
const TODAY = '2026-06-30';
const read = (p: string) => new Uint8Array(readFileSync(join(small, p)));

describe('MIS wide report form', () => {
  it('finds periods in titles and sheet names', () => {
    expect(findPeriod('BÁO CÁO THỐNG KÊ CHUYÊN NGÀNH DÂN SỐ - Kỳ báo cáo: Quý II/2024')).toBe('quy ii 2024');
    expect(findPeriod('Kỳ báo cáo: Năm 2024')).toBe('nam 2024');
    expect(findPeriod('Quý 1-2024')).toBe('quy 1 2024');
    expect(findPeriod('Tháng 5/2024')).toBe('thang 5 2024');
    expect(findPeriod('Danh sách')).toBeUndefined();
  });

  it('resolves commune names in the header to codes', () => {
    expect(communeFromHeader('4465')).toBe('04465');
    expect(communeFromHeader('Xã Khao Mang')).toBe('04465');
    expect(communeFromHeader('Phường Nghĩa Lộ', '15')).toBe('04288');
  });

  it(
    'reads the generated form with the same values as the long export',
    { timeout: 120_000 },
    async () => {
      const wide = await memoryWorkspace();
      const long = await memoryWorkspace();
      try {
        const [w] = await importFiles(wide, [{ name: 'bao_cao_2024.csv', bytes: read('mis/wide/bao_cao_2024.csv') }], { save: false, today: TODAY });
        expect(w).toMatchObject({ status: 'imported', table: 'mis', quarantined: 0 });
        expect(w!.kept).toBe(26 * 4);
        await importFiles(long, [{ name: 'mis_nam.csv', bytes: read('mis/long/mis_nam.csv') }], { save: false, today: TODAY });
        const q = `SELECT commune_code, period, period_type, year, element, sex, age_group, value FROM mis
                   WHERE period = '2024' AND age_group IS NULL ORDER BY ALL`;
        const got = await queryRows(wide.engine, q);
        const exp = (await queryRows<Record<string, unknown>>(long.engine, q)).filter((r) =>
          got.some((g) => (g as Record<string, unknown>).element === r.element && (g as Record<string, unknown>).sex === r.sex),
        );
        expect(got).toEqual(exp);
      } finally {
        await wide.close();
        await long.close();
      }
    },
  );

  it('reads each sheet of a workbook with its period from the sheet name', { timeout: 120_000 }, async () => {
    const path = 'mis/wide/bao_cao_2023.xlsx';
    if (!existsSync(join(small, path))) return;
    const ws = await memoryWorkspace();
    try {
      const res = await importFiles(ws, [{ name: 'bao_cao_2023.xlsx', bytes: read(path) }], { save: false, today: TODAY });
      expect(res.map((r) => [r.sheet, r.status, r.kept, r.quarantined])).toEqual(
        ['Năm 2023', 'Quý 1-2023', 'Quý 2-2023', 'Quý 3-2023', 'Quý 4-2023'].map((s) => [s, 'imported', 104, 0]),
      );
      expect(await queryRows(ws.engine, 'SELECT DISTINCT period FROM mis ORDER BY 1')).toEqual(
        ['2023', '2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4'].map((period) => ({ period })),
      );
    } finally {
      await ws.close();
    }
  });

  it('reports unknown items row by row and learns them from a saved item code table', { timeout: 120_000 }, async () => {
    const form = [
      'Báo cáo dân số,,,',
      'Kỳ báo cáo: Quý II/2024,,,',
      'STT,Nội dung,Xã Khao Mang,04288',
      '1,Số hộ,10,20',
      '2,Dân số,40,80',
      '2.1,Trong đó: Nữ,21,41',
      '3,Số người sinh con thứ ba,1,',
      '4,Số người kết hôn,4,6',
    ].join('\r\n');
    const ws = await memoryWorkspace();
    try {
      expect(previewFile('form.csv', utf8(form), ws.presets).sheets[0]).toMatchObject({ table: 'mis', headerRow: 3, missingRequired: [] });
      const [a] = await importFiles(ws, [{ name: 'form.csv', bytes: utf8(form) }], { save: false, today: TODAY });
      expect(a).toMatchObject({ rowsRead: 9, kept: 6, quarantined: 3, rules: { value_invalid: 1, marriages_in_persons: 2 } });
      expect(await queryRows(ws.engine, `SELECT row, "column", value, rule FROM quality_report ORDER BY row, "column"`)).toEqual([
        { row: 7, column: '04465', value: 'Số người sinh con thứ ba', rule: 'value_invalid' },
        { row: 8, column: '04288', value: 'Số người kết hôn: 6', rule: 'marriages_in_persons' },
        { row: 8, column: '04465', value: 'Số người kết hôn: 4', rule: 'marriages_in_persons' },
      ]);
      expect(
        await queryRows(ws.engine, `SELECT commune_code, period, element, sex, value FROM mis WHERE commune_code = '04465' ORDER BY element, sex`),
      ).toEqual([
        { commune_code: '04465', period: '2024-Q2', element: 'households', sex: null, value: 10 },
        { commune_code: '04465', period: '2024-Q2', element: 'population', sex: 'F', value: 21 },
        { commune_code: '04465', period: '2024-Q2', element: 'population', sex: null, value: 40 },
      ]);
      // The user teaches the item; a newer export of the same communes and period replaces the first.
      saveWideItemCodes(ws, 'Mẫu báo cáo huyện', { 'Số người sinh con thứ ba': 'births_order_3plus' });
      const [b] = await importFiles(ws, [{ name: 'form2.csv', bytes: utf8(form.replace('1,Số hộ,10', '1,Số hộ,11')) }], { save: false, today: TODAY });
      expect(b).toMatchObject({ rowsRead: 9, kept: 7, quarantined: 2, rules: { marriages_in_persons: 2 } });
      expect(b!.replaced.map((r) => r.file_name)).toEqual(['form.csv']);
      expect(await queryRows(ws.engine, `SELECT value FROM mis WHERE element = 'births_order_3plus'`)).toEqual([{ value: 1 }]);
    } finally {
      await ws.close();
    }
  });
});
