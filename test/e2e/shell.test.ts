import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, pageErrors, screenshot } from './browser.js';

describe('app shell in Chromium', () => {
  let page: Page;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ page, close } = await openBrowser());
    await page.goto(inject('baseUrl'));
  });
  afterAll(() => close());

  it('starts duckdb-wasm under the strict CSP and opens the demo workspace', async () => {
    await page.getByTestId('commune-table').waitFor({ timeout: 90_000 });
    const rows = await page.locator('[data-testid=commune-table] tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    expect(pageErrors(page)).toEqual([]);
    await screenshot(page, 'overview-demo');
  });
});
