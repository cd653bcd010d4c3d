import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's Chromium, headless, with a fresh profile and no background network traffic. */
export async function openBrowser(): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'danso-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1360, height: 900 },
    locale: 'vi-VN',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  (page as Page & { errors: string[] }).errors = errors;
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The web build opened in the browser, once its demo workspace's overview is shown. */
export async function openApp(): Promise<{ page: Page; close: () => Promise<void> }> {
  const { page, close } = await openBrowser();
  await page.goto(inject('baseUrl'));
  await page.getByTestId('commune-table').waitFor({ timeout: 90_000 });
  return { page, close };
}

export function pageErrors(page: Page): string[] {
  return (page as Page & { errors?: string[] }).errors ?? [];
}

/** Screenshots go under test-results/ (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync('test-results/screenshots', { recursive: true });
  const path = join('test-results/screenshots', `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Import files through the import view's file input and wait until every one is imported. */
export async function importThrough(page: Page, files: string[]): Promise<void> {
  await page.getByRole('tab', { name: 'Nhập dữ liệu' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('choose-files').click();
  await (await chooser).setFiles(files);
  await expect.poll(() => page.getByTestId('pending-file').count()).toBe(files.length);
  await page.getByTestId('import-now').click();
  await expect.poll(() => page.getByTestId('import-result').count(), { timeout: 150_000 }).toBe(files.length);
  expect(await page.getByTestId('import-result').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-status')))).toEqual(files.map(() => 'imported'));
}
