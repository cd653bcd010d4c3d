import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { importThrough, openApp, pageErrors, screenshot } from './browser.js';
import { readCsv, vi } from './by-hand.js';

const SOURCE = process.env.DANSO_DEMO_SOURCE ?? 'fixtures/small';

describe('a workspace of births only (a station’s births export, no register)', () => {
  let page: Page;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ page, close } = await openApp());
  });
  afterAll(() => close());

  it('shows the province’s SRB from the births alone, and names the register where it is needed', { timeout: 240_000 }, async () => {
    const files = readdirSync(`${SOURCE}/a0`).map((c) => `${SOURCE}/a0/${c}/sinh.csv`);
    await importThrough(page, files);

    // The births of the last year by sex, read from the exports with papaparse.
    const births = files.flatMap(readCsv);
    const year = (b: Record<string, string>) => Number(b['Ngày sinh']!.slice(-4));
    const last = Math.max(...births.map(year));
    const boys = births.filter((b) => year(b) === last && b['Giới tính'] === 'Nam').length;
    const girls = births.filter((b) => year(b) === last && b['Giới tính'] === 'Nữ').length;
    expect(boys + girls).toBeGreaterThan(100);

    await page.getByRole('tab', { name: 'Bảng chỉ tiêu', exact: true }).click();
    const card = (code: string) => page.getByTestId(`card-${code}`);
    await card('srb').waitFor({ timeout: 120_000 });
    await page.getByLabel('Năm', { exact: true }).selectOption(String(last));
    await expect.poll(() => card('srb').getByTestId('value').textContent()).toBe(`${vi((100 * boys) / girls, 1)} trẻ trai/100 trẻ gái`);
    // The province is named (its code and name from the communes' codes, not "??").
    expect(await page.getByLabel('Đơn vị', { exact: true }).locator('option:checked').textContent()).toContain('Lào Cai');
    // What needs the register says so.
    expect(await card('cbr').locator('.reason').textContent()).toContain('Chưa nhập sổ nhân khẩu (nhan_khau)');
    await screenshot(page, 'births-only-dashboard');

    // The overview lists each commune's births of that year.
    await page.getByRole('tab', { name: 'Tổng quan' }).click();
    await page.getByTestId('commune-table').waitFor({ timeout: 60_000 });
    await page.getByTestId('overview-year').selectOption(String(last));
    for (const code of ['04465', '04288']) {
      const n = births.filter((b) => year(b) === last && b['Mã xã'] === code).length;
      const row = page.locator(`[data-testid=commune-table] tbody tr[data-code="${code}"]`);
      await expect.poll(async () => Number((await row.getByTestId('births').innerText()).replace(/\./g, ''))).toBe(n);
    }
    await screenshot(page, 'births-only-overview');
    expect(pageErrors(page)).toEqual([]);
  });
});
