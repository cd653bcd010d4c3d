import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { openBrowser, pageErrors, screenshot } from './browser.js';

const SOURCE = process.env.DANSO_DEMO_SOURCE ?? 'fixtures/small';
const COMMUNE = process.env.DANSO_E2E_COMMUNE ?? '04465';

/** Count rows of a fixture CSV independently of the importer (papaparse, Vietnamese headers). */
function readCsv(path: string): Array<Record<string, string>> {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

describe('importing files through the UI', () => {
  let page: Page;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ page, close } = await openBrowser());
    await page.goto(inject('baseUrl'));
    await page.getByTestId('commune-table').waitFor({ timeout: 90_000 });
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
});
