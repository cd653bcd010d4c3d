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
    await page.getByTestId('session-ready').waitFor({ timeout: 60_000 });
    expect(pageErrors(page)).toEqual([]);
    await screenshot(page, 'shell');
  });
});
