import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { importThrough, openApp, pageErrors, screenshot } from './browser.js';
import { readCsv } from './by-hand.js';

const SOURCE = process.env.DANSO_DEMO_SOURCE ?? 'fixtures/small';
const COMMUNE = process.env.DANSO_E2E_COMMUNE ?? '04465';

describe('importing files through the UI', () => {
  let page: Page;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ page, close } = await openApp());
  });
  afterAll(() => close());

  it('loads a commune’s register and births through the file input and shows the counts computed by duckdb-wasm', async () => {
    const dir = `${SOURCE}/a0/${COMMUNE}`;
    await page.getByRole('tab', { name: 'Nhập dữ liệu' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('choose-files').click();
    await (await chooser).setFiles([`${dir}/nhan_khau.csv`, `${dir}/sinh.csv`]);
    await expect.poll(() => page.getByTestId('pending-file').count()).toBe(2);
    await page.getByTestId('import-now').click();
    try {
      await page.getByTestId('import-results').waitFor({ timeout: 90_000 });
    } finally {
      await screenshot(page, 'import-after-click');
    }

    const persons = readCsv(`${dir}/nhan_khau.csv`);
    const births = readCsv(`${dir}/sinh.csv`);
    const result = (table: string) => page.locator(`[data-testid=import-result][data-table=${table}]`);
    await expect.poll(() => result('nhan_khau').getAttribute('data-status')).toBe('imported');
    const digits = async (table: string, cell: string) =>
      Number((await result(table).getByTestId(cell).innerText()).replace(/\./g, ''));
    expect(await digits('nhan_khau', 'rows-read')).toBe(persons.length);
    expect(await digits('nhan_khau', 'kept')).toBe(persons.length);
    expect(await digits('sinh', 'kept')).toBe(births.length);
    await screenshot(page, 'import-results');

    // The quality summary lists the commune with data; the province's other communes, which
    // sent nothing, are one line over the months of the births (dd/mm/yyyy in the export).
    const months = births.map((b) => b['Ngày sinh']!.split('/').reverse().slice(0, 2).join('-')).sort();
    const span = `${months[0]}–${months[months.length - 1]}`;
    await expect.poll(() => page.getByTestId('quality-summary').locator('tbody tr').allInnerTexts()).toHaveLength(1);
    expect(await page.getByTestId('quality-summary').locator('tbody tr').innerText()).toMatch(new RegExp(`^${COMMUNE} `));
    expect(await page.getByTestId('silent-communes').locator('summary').innerText()).toMatch(new RegExp(`^\\d+ xã/phường không có số liệu nào trong ${span}$`));
    await page.getByTestId('quality-summary').scrollIntoViewIfNeeded();
    await screenshot(page, 'import-quality-summary');

    // The overview now reads the new workspace: births of the commune in the last year.
    const lastYear = Math.max(...births.map((b) => Number(b['Ngày sinh']!.slice(-4))));
    const expectedBirths = births.filter((b) => b['Ngày sinh']!.endsWith(String(lastYear))).length;
    await page.getByRole('tab', { name: 'Tổng quan' }).click();
    await page.getByTestId('commune-table').waitFor({ timeout: 60_000 });
    await page.getByTestId('overview-year').selectOption(String(lastYear));
    const row = page.locator(`[data-testid=commune-table] tbody tr[data-code="${COMMUNE}"]`);
    await screenshot(page, 'overview-imported');
    expect(Number((await row.getByTestId('births').innerText()).replace(/\./g, ''))).toBe(expectedBirths);
    expect(pageErrors(page)).toEqual([]);
    await screenshot(page, 'overview-imported');
  });

  it('reads a register over 2 MB through the fast path (DuckDB reads it, ids hashed between queries)', { timeout: 180_000 }, async () => {
    // The commune's register five times over, ids made distinct per copy: 3 MB, above
    // FAST_CSV_MIN_BYTES, so DuckDB reads it in the page (the fixtures' files are smaller).
    const src = `${SOURCE}/a0/${COMMUNE}/nhan_khau.csv`;
    const text = readFileSync(src, 'utf8').replace(/^\uFEFF/, '');
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    const copies = 5;
    const rows = Array.from({ length: copies }, (_, k) =>
      parsed.data.map((r) => ({ ...r, 'Mã đối tượng': `${r['Mã đối tượng']}-${k}`, 'Mã mẹ': r['Mã mẹ'] ? `${r['Mã mẹ']}-${k}` : '' })),
    ).flat();
    const dir = mkdtempSync(join(tmpdir(), 'danso-e2e-'));
    const file = join(dir, 'nhan_khau.csv');
    writeFileSync(file, Papa.unparse(rows, { columns: parsed.meta.fields!, newline: '\n' }) + '\n');
    expect(statSync(file).size).toBeGreaterThan(2 * 1024 * 1024);

    await page.getByRole('tab', { name: 'Nhập dữ liệu' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('choose-files').click();
    await (await chooser).setFiles([file]);
    await expect.poll(() => page.getByTestId('pending-file').count()).toBe(1);
    await page.getByTestId('import-now').click();
    const result = page.locator('[data-testid=import-result][data-table=nhan_khau]');
    await result.waitFor({ timeout: 150_000 });
    await expect.poll(() => result.getAttribute('data-status'), { timeout: 150_000 }).toBe('imported');
    const digits = async (cell: string) => Number((await result.getByTestId(cell).innerText()).replace(/\./g, ''));
    expect(await digits('rows-read')).toBe(rows.length);
    expect(await digits('kept')).toBe(rows.length);
    await screenshot(page, 'import-fast-path');
    expect(pageErrors(page)).toEqual([]);
  });

  it("shows a commune's corrected births after its export is imported again, the other communes' unchanged", { timeout: 240_000 }, async () => {
    const communes = readdirSync(`${SOURCE}/a0`).sort();
    const births = new Map(communes.map((c) => [c, readCsv(`${SOURCE}/a0/${c}/sinh.csv`)]));
    const lastYear = Math.max(...[...births.values()].flat().map((b) => Number(b['Ngày sinh']!.slice(-4))));
    const inLastYear = (rows: Array<Record<string, string>>) => rows.filter((b) => b['Ngày sinh']!.endsWith(String(lastYear)));
    /** Births of the last year per commune, as the overview shows them. */
    const shown = async () => {
      await page.getByRole('tab', { name: 'Tổng quan' }).click();
      await page.getByTestId('commune-table').waitFor({ timeout: 90_000 });
      await page.getByTestId('overview-year').selectOption(String(lastYear));
      const out: Record<string, number> = {};
      for (const c of communes) {
        const cell = page.locator(`[data-testid=commune-table] tbody tr[data-code="${c}"]`).getByTestId('births');
        out[c] = Number((await cell.innerText()).replace(/\./g, ''));
      }
      return out;
    };
    // The province's other communes, then the overview (which builds the cube).
    await importThrough(page, communes.filter((c) => c !== COMMUNE).flatMap((c) => [`${SOURCE}/a0/${c}/nhan_khau.csv`, `${SOURCE}/a0/${c}/sinh.csv`]));
    const expected = Object.fromEntries(communes.map((c) => [c, inLastYear(births.get(c)!).length]));
    await expect.poll(shown, { timeout: 90_000 }).toEqual(expected);

    // A corrected export of the commune's births: five births of the last year struck out,
    // inside the dates it covers, so it replaces the first export (the cube is updated for it).
    const all = births.get(COMMUNE)!;
    const dropped = new Set(inLastYear(all).slice(1, 6));
    const dir = mkdtempSync(join(tmpdir(), 'danso-e2e-'));
    const file = join(dir, 'sinh-sua.csv');
    const fields = Papa.parse(readFileSync(`${SOURCE}/a0/${COMMUNE}/sinh.csv`, 'utf8').replace(/^\uFEFF/, ''), { header: true, preview: 1 }).meta.fields!;
    writeFileSync(file, Papa.unparse(all.filter((b) => !dropped.has(b)), { columns: fields, newline: '\n' }) + '\n');
    await importThrough(page, [file]);
    // Updated for that commune, not rebuilt for the province.
    expect(await page.getByTestId('cube-updated').innerText()).toMatch(new RegExp(`^Đã cập nhật số liệu chỉ tiêu của 1 xã .*: .+ \\(${COMMUNE}\\)$`));
    await screenshot(page, 'import-cube-updated');
    await expect.poll(shown, { timeout: 90_000 }).toEqual({ ...expected, [COMMUNE]: expected[COMMUNE]! - 5 });
    await screenshot(page, 'overview-after-correction');
    expect(pageErrors(page)).toEqual([]);
  });
});
