import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../../analysis/ingest/index.js';
import { openNodeWorkspace } from '../../analysis/workspace/node-open.js';
import { computeIndicators, evaluateTargets, parseTargetsCsv, type IndicatorResult } from '../../analysis/indicators/index.js';
import { cubeYears } from '../../analysis/charts/view-data.js';
import * as XLSX from 'xlsx';
import { openBrowser, pageErrors, screenshot } from './browser.js';
import { vi } from './by-hand.js';

/**
 * The analysis views on a simulated province: the fixture generator's A0 exports are
 * imported into a workspace by the importer, the app opens that workspace as its demo, and
 * the dashboard must show what the engine computes on the same workspace under Node.
 */
const COMMUNES = '02647,02671,02680,02683';
let dir: string;
let expected: IndicatorResult[];
let lastYear: number;
let quarterly: IndicatorResult[];
let villageExpected: IndicatorResult[];
let boundaryFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'danso-views-'));
  const fx = join(dir, 'fx');
  execFileSync('npx', ['tsx', 'fixtures/generate.ts', '--persons', '12000', '--communes', COMMUNES, '--formats', 'csv', '--out', fx, '--quiet'], {
    stdio: 'ignore',
  });
  const files: Array<{ name: string; bytes: Uint8Array }> = [];
  for (const c of readdirSync(join(fx, 'a0'))) {
    for (const f of readdirSync(join(fx, 'a0', c))) files.push({ name: `${c}_${f}`, bytes: new Uint8Array(readFileSync(join(fx, 'a0', c, f))) });
  }
  const ws = await openNodeWorkspace(join(dir, 'ws'));
  await importFiles(ws, files, {});
  await computeIndicators(ws.engine, { indicators: ['population'], level: 'province', years: [0, 0] });
  const span = (await cubeYears(ws.engine))!;
  lastYear = span[1];
  expected = await computeIndicators(ws.engine, {
    level: ['province', 'commune'], years: [Math.max(span[0], span[1] - 9), span[1]], smooth: 'eb', lifeTable: 'cd',
  });
  quarterly = await computeIndicators(ws.engine, { periodType: 'quarter', level: 'province', indicators: ['srb'] });
  // The app opens the saved cube, as it would the next day.
  expect(await ws.saveChanges()).toBe(true);
  await ws.close();
  // Village values from the saved workspace, not saved back: the app builds its village rows itself.
  const again = await openNodeWorkspace(join(dir, 'ws'));
  villageExpected = await computeIndicators(again.engine, {
    level: ['village'], indicators: ['population', 'cbr'], years: [Math.max(span[0], span[1] - 9), span[1]], smooth: 'eb', lifeTable: 'cd',
  });
  await again.close();
  // Boundaries: a square per commune, and one commune without data (the "no data" class).
  const square = (i: number, code: string) => ({
    type: 'Feature',
    properties: { ma_xa: code },
    geometry: { type: 'Polygon', coordinates: [[[104 + i * 0.1, 22], [104.1 + i * 0.1, 22], [104.1 + i * 0.1, 22.1], [104 + i * 0.1, 22.1], [104 + i * 0.1, 22]]] },
  });
  boundaryFile = join(dir, 'ranh-gioi.geojson');
  writeFileSync(boundaryFile, JSON.stringify({ type: 'FeatureCollection', features: [...COMMUNES.split(','), '02686'].map((c, i) => square(i, c)) }));
}, 400_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Serve the workspace built above where the app looks for its bundled demo. */
async function serveWorkspaceAsDemo(page: Page) {
  const wsDir = join(dir, 'ws');
  await page.route(/\/demo\//, async (route) => {
    const name = decodeURIComponent(new URL(route.request().url()).pathname.split('/demo/')[1] ?? '');
    if (name === 'index.json') {
      await route.fulfill({ contentType: 'application/json', body: JSON.stringify(readdirSync(wsDir)) });
    } else {
      await route.fulfill({ contentType: 'application/octet-stream', body: readFileSync(join(wsDir, name)) });
    }
  });
}

describe('analysis views in Chromium', () => {
  let page: Page;
  let close: () => Promise<void>;
  const find = (indicator: string) => {
    const r = expected.find((x) => x.indicator === indicator && x.level === 'province' && x.period === String(lastYear));
    if (!r || r.value === null) throw new Error(`no expected ${indicator}`);
    return r;
  };
  const tab = (name: string) => page.getByRole('tab', { name, exact: true });
  const card = (code: string) => page.getByTestId(`card-${code}`);

  beforeAll(async () => {
    ({ page, close } = await openBrowser());
    await serveWorkspaceAsDemo(page);
    await page.goto(inject('baseUrl'));
    await page.getByRole('tab').first().waitFor({ timeout: 30_000 });
  });
  afterAll(() => close());

  it('shows the values the engine computes on the dashboard, with intervals and target status', async () => {
    await tab('Bảng chỉ tiêu').click();
    await card('tfr').waitFor({ timeout: 180_000 });
    const tfr = find('tfr');
    await expect.poll(() => card('tfr').getByTestId('value').textContent()).toBe(`${vi(tfr.value!, 2)} con/phụ nữ`);
    expect(await card('tfr').getByTestId('interval').textContent()).toContain(`${vi(tfr.lower!, 2)}–${vi(tfr.upper!, 2)}`);

    const srb = find('srb');
    expect(await card('srb').getByTestId('value').textContent()).toBe(`${vi(srb.value!, 1)} trẻ trai/100 trẻ gái`);
    expect(await card('srb').getByTestId('interval').textContent()).toBe(`KTC 95%: ${vi(srb.lower!, 1)}–${vi(srb.upper!, 1)}`);

    // A coverage rate against the province's 2026 target (judged on the latest year's interval).
    const targets = parseTargetsCsv(readFileSync('/work/shared/data/plan-targets-2026.csv', 'utf8'));
    for (const code of ['mcpr', 'newborn_screening']) {
      const r = find(code);
      expect(await card(code).getByTestId('value').textContent()).toBe(`${vi(r.value!, 1)}%`);
      const [evaluation] = evaluateTargets(
        expected.filter((x) => x.indicator === code && x.level === 'province'),
        targets.filter((t) => t.indicator === code && t.unit_code === r.unit_code),
      );
      expect(await card(code).locator('[data-status]').getAttribute('data-status')).toBe(evaluation!.status);
    }
    // A change of a per-mille rate or of the SRB is in points, as cbr_change and srb_change write it.
    expect(await card('cbr').locator('.change').textContent()).toMatch(/^So với năm trước: [+−]?\d+,\d điểm ‰$/);
    expect(await card('srb').locator('.change').textContent()).toMatch(/^So với năm trước: [+−]?\d+,\d điểm$/);
    // Population uses the thousands dot: 12.345 người.
    const pop = find('population');
    expect(await card('population').getByTestId('value').textContent()).toBe(`${pop.value!.toLocaleString('de-DE')} người`);
    await screenshot(page, 'views-dashboard');

    // A card opens the indicator's detail.
    await card('srb').click();
    await page.getByTestId('indicator-detail').waitFor();
    await page.getByTestId('detail-trend').locator('svg').first().waitFor();
    expect(await page.getByTestId('unit-value').textContent()).toContain(vi(srb.value!, 1));
    // The definition in Vietnamese words, with the boys and girls as numerator and denominator.
    expect(await page.getByTestId('indicator-detail').textContent()).toContain('số trẻ trai sinh ra / số trẻ gái sinh ra × 100');
    expect(await page.getByTestId('unit-value').textContent()).toContain(`Tử số${srb.numerator!.toLocaleString('de-DE')}`);
    // Opening focuses the way back; back, the focus returns to the card that opened it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/Quay lại/);
    // The average population is a count: no "Mẫu số 1" (its number of years).
    const detailIndicator = page.getByTestId('indicator-detail').getByLabel('Chỉ tiêu', { exact: true });
    await detailIndicator.selectOption('pop_avg');
    await expect.poll(() => page.getByTestId('unit-value').textContent()).toContain(`${Math.round(find('pop_avg').value!).toLocaleString('de-DE')} người`);
    expect(await page.getByTestId('unit-value').textContent()).not.toMatch(/Tử số|Mẫu số/);
    await detailIndicator.selectOption('srb');
    await expect.poll(() => page.getByTestId('unit-value').textContent()).toContain(vi(srb.value!, 1));
    await page.getByRole('button', { name: /Quay lại/ }).click();
    await card('tfr').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('card-srb');
    // A screen reader hears what the card shows: value, interval, target and its status.
    const mcprLabel = await card('mcpr').getAttribute('aria-label');
    expect(mcprLabel).toContain(`KTC 95% ${vi(find('mcpr').lower!, 1)}–${vi(find('mcpr').upper!, 1)}`);
    expect(mcprLabel).toMatch(/Chỉ tiêu 2026 ≥ 71,0: (Đạt|Không đạt|Chưa kết luận)/);
  });

  it('moves between tabs with the arrow keys, Home and End (one tab stop for the row)', async () => {
    await tab('Bảng chỉ tiêu').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Xu hướng');
    expect(await tab('Xu hướng').getAttribute('aria-selected')).toBe('true');
    expect(await tab('Bảng chỉ tiêu').getAttribute('tabindex')).toBe('-1');
    await page.keyboard.press('Home');
    await expect.poll(() => tab('Tổng quan').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowLeft'); // wraps to the last tab
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Chi tiết chỉ tiêu');
    await tab('Bảng chỉ tiêu').click();
    await card('tfr').waitFor();
  });

  it('switches unit and year from cached results', async () => {
    const commune = expected.find((x) => x.indicator === 'tfr' && x.level === 'commune' && x.period === String(lastYear - 1) && x.value !== null)!;
    await page.getByLabel('Đơn vị', { exact: true }).selectOption(commune.unit_code);
    await page.getByLabel('Năm', { exact: true }).selectOption(String(lastYear - 1));
    await expect.poll(() => card('tfr').getByTestId('value').textContent()).toBe(`${vi(commune.value!, 2)} con/phụ nữ`);
    await page.getByLabel('Đơn vị', { exact: true }).selectOption(find('tfr').unit_code);
    await page.getByLabel('Năm', { exact: true }).selectOption(String(lastYear));
  });

  it("adds the villages to the units on request and shows a village's values", async () => {
    await tab('Bảng chỉ tiêu').click();
    await card('tfr').waitFor();
    const village = villageExpected.find((x) => x.indicator === 'cbr' && x.period === String(lastYear) && x.value !== null)!;
    const pop = villageExpected.find((x) => x.indicator === 'population' && x.unit_code === village.unit_code && x.period === String(lastYear))!;
    const unitSelect = page.getByLabel('Đơn vị', { exact: true });
    expect(await unitSelect.locator(`option[value="${village.unit_code}"]`).count()).toBe(0);
    await page.getByLabel('Cả thôn/bản').check();
    // The village rows are built in the page (the saved cube has none), then listed under their commune.
    await expect.poll(() => unitSelect.locator(`option[value="${village.unit_code}"]`).count(), { timeout: 120_000 }).toBe(1);
    expect((await unitSelect.locator(`option[value="${village.unit_code}"]`).textContent())?.trim()).toBe(village.unit_name);
    await unitSelect.selectOption(village.unit_code);
    await expect.poll(() => card('cbr').getByTestId('value').textContent()).toBe(`${vi(village.value!, 1)}‰`);
    expect(await card('population').getByTestId('value').textContent()).toBe(`${pop.value!.toLocaleString('de-DE')} người`);
    await screenshot(page, 'views-village');
    // The other views follow the chosen village; its age heaping is its commune's, and says so.
    const communeName = expected.find((x) => x.level === 'commune' && x.unit_code === village.unit_code.split('/')[0])!.unit_name;
    await tab('Tháp dân số').click();
    await page.getByTestId('pyramid-chart').locator('svg').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('pyramid-chart').locator('svg').first().textContent()).toContain(`${village.unit_name}, ${communeName}`);
    expect(await page.locator('#heaping-title').textContent()).toBe(`Chất lượng khai báo tuổi — ${communeName}`);
    await tab('Chi tiết chỉ tiêu').click();
    await page.getByTestId('indicator-detail').getByLabel('Chỉ tiêu', { exact: true }).selectOption('cbr');
    await expect.poll(() => page.getByTestId('unit-value').textContent()).toContain(`${vi(village.value!, 1)}‰`);
    expect(await page.locator('#quality-title').textContent()).toBe(`Ghi chú chất lượng số liệu — ${communeName}`);
    expect(pageErrors(page)).toEqual([]);
    await tab('Bảng chỉ tiêu').click();
    // Back to the province, villages off: the list is communes again.
    await unitSelect.selectOption(find('tfr').unit_code);
    await page.getByLabel('Cả thôn/bản').uncheck();
    await expect.poll(() => unitSelect.locator(`option[value="${village.unit_code}"]`).count(), { timeout: 60_000 }).toBe(0);
  });

  it("shows the life table behind e₀ in its detail, its first row the card's e₀ and interval", async () => {
    await tab('Bảng chỉ tiêu').click();
    await card('e0').click();
    const table = page.getByTestId('life-table');
    await table.locator('tbody tr').first().waitFor({ timeout: 30_000 });
    expect(await table.locator('tbody tr').count()).toBe(19);
    expect(await table.locator('h3').textContent()).toContain(`Coale–Demeny`);
    const e0 = find('e0');
    const cells = await table.locator('tbody tr').first().locator('td').allTextContents();
    expect(cells[5]).toBe(vi(e0.value!, 1));
    expect(cells[6]).toBe(`${vi(e0.lower!, 1)}–${vi(e0.upper!, 1)}`);
    await table.scrollIntoViewIfNeeded();
    await screenshot(page, 'views-life-table');
    await page.getByRole('button', { name: /Quay lại/ }).click();
    await card('tfr').waitFor();
  });

  it('keeps the keyboard on the pooling control while the indicators are computed again', async () => {
    await tab('Bảng chỉ tiêu').click();
    await card('tfr').waitFor();
    const before = await card('tfr').getByTestId('value').textContent();
    const pool = page.getByLabel('Gộp số năm', { exact: true });
    await pool.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => pool.inputValue()).toBe('2');
    // The pooled values arrive (the card changes) and the focus never left the control.
    await expect.poll(() => card('tfr').getByTestId('value').textContent(), { timeout: 60_000 }).not.toBe(before);
    await page.getByTestId('computing').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Gộp số năm');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => card('tfr').getByTestId('value').textContent(), { timeout: 60_000 }).toBe(before);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Gộp số năm');
  });

  it('judges the cards against a targets file the analyst opens, refuses a bad one, and goes back to the bundled plans', async () => {
    await tab('Bảng chỉ tiêu').click();
    await card('mcpr').waitFor({ timeout: 180_000 });
    const mcpr = find('mcpr');
    const status = () => card('mcpr').locator('[data-status]').getAttribute('data-status');
    const bundled = await status();
    // The province's modern contraception target far below and far above the value: met, then missed.
    const workbook = (target: number, header = 'target', year = lastYear + 1, later = true) => {
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(
        wb,
        XLSX.utils.aoa_to_sheet([
          ['unit_code', 'unit_name', 'year', 'indicator', 'comparator', header, 'unit', 'source_text'],
          // A later year's target first: the card measures the latest data against the next target year's.
          ...(later ? [[mcpr.unit_code, 'Tỉnh', lastYear + 3, 'mcpr', '>=', 99, '%', 'kế hoạch 5 năm']] : []),
          [mcpr.unit_code, 'Tỉnh', year, 'mcpr', '>=', target, '%', 'kế hoạch thử'],
        ]),
        'targets',
      );
      const file = join(dir, `targets-${target}-${header}-${year}${later ? '' : '-only'}.xlsx`);
      writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
      return file;
    };
    const open = async (file: string) => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: /Mở tệp mục tiêu/ }).click();
      await (await chooser).setFiles(file);
    };
    await open(workbook(Math.floor(mcpr.lower! / 2)));
    await expect.poll(status).toBe('met');
    // The data have no target year yet: the status rests on the latest year, and says so.
    expect(await card('mcpr').getByTestId('target').textContent()).toContain(`Chỉ tiêu ${lastYear + 1}: ≥ ${Math.floor(mcpr.lower! / 2)}`);
    expect(await card('mcpr').getByTestId('target').textContent()).toContain(`(theo số liệu ${lastYear})`);
    expect(await card('mcpr').getAttribute('aria-label')).toContain(`(theo số liệu ${lastYear})`);
    expect(await page.getByTestId('targets-source').textContent()).toContain(`targets-${Math.floor(mcpr.lower! / 2)}-target-${lastYear + 1}.xlsx · 2 mục tiêu`);
    // Only a past year's target: judged on that year, which the card (showing the last year) names.
    await open(workbook(Math.ceil(mcpr.upper! + 5), 'target', lastYear - 1, false));
    await expect.poll(() => card('mcpr').getByTestId('target').textContent()).toContain(`Chỉ tiêu ${lastYear - 1}: ≥ ${Math.ceil(mcpr.upper! + 5)}`);
    expect(await card('mcpr').getByTestId('target').textContent()).toContain(`(theo số liệu ${lastYear - 1})`);
    expect(await card('mcpr').getAttribute('aria-label')).toContain(`(theo số liệu ${lastYear - 1})`);
    // A target for the data's own year is judged on it, with no substitute period named.
    await open(workbook(Math.ceil(mcpr.upper! + 5), 'target', lastYear));
    await expect.poll(status).toBe('missed');
    expect(await card('mcpr').getByTestId('target').textContent()).toContain(`Chỉ tiêu ${lastYear}: ≥ ${Math.ceil(mcpr.upper! + 5)}`);
    expect(await card('mcpr').getByTestId('target').textContent()).not.toContain('theo số liệu');
    // A file without the target column ("Mục tiêu" would be read as it): said, and the targets in use stay.
    await open(workbook(50, 'gia_tri_khac'));
    await expect.poll(() => page.getByTestId('targets-source').getByRole('alert').textContent()).toContain('lacks the column(s) target');
    expect(await status()).toBe('missed');
    await screenshot(page, 'views-targets-file');
    await page.getByRole('button', { name: 'Dùng kế hoạch kèm theo' }).click();
    await expect.poll(status).toBe(bundled);
    expect(await page.getByTestId('targets-source').textContent()).toContain('kế hoạch 2026 kèm theo');
  });

  it('opens every view and saves a screenshot of each', async () => {
    await tab('Xu hướng').click();
    await page.getByLabel('Chỉ tiêu', { exact: true }).selectOption('tfr');
    await page.getByTestId('trend-chart').locator('svg').first().waitFor({ timeout: 30_000 });
    await page.locator('.compare-list input').first().check();
    await screenshot(page, 'views-trend');
    // By quarter: SRB (births only) has quarterly points; TFR stays annual and says why.
    await page.getByLabel('Kỳ', { exact: true }).selectOption('quarter');
    await page.getByLabel('Chỉ tiêu', { exact: true }).selectOption('srb');
    const lastQuarter = quarterly.at(-1)!.period;
    expect(quarterly.length).toBeGreaterThan(8);
    // Written as Vietnamese reports write a quarter: "Quý 4/2025" for 2025-Q4.
    const [qYear, q] = lastQuarter.split('-Q');
    await expect.poll(() => page.getByTestId('trend-chart').locator('svg').first().textContent(), { timeout: 30_000 }).toContain(`Quý ${q}/${qYear}`);
    await expect.poll(() => page.getByTestId('trend-chart').locator('svg').first().textContent()).toContain('theo quý');
    await screenshot(page, 'views-trend-quarter');
    await page.getByLabel('Chỉ tiêu', { exact: true }).selectOption('tfr');
    await page.getByText('chỉ tính theo năm').waitFor();
    await page.getByLabel('Kỳ', { exact: true }).selectOption('year');

    await tab('So sánh xã').click();
    await page.getByLabel('Chỉ tiêu', { exact: true }).selectOption('srb');
    await page.getByTestId('ranked-chart').locator('svg').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('funnel-chart').locator('svg').first().waitFor();
    expect(await page.getByTestId('commune-table').locator('tbody tr').count()).toBe(4);
    // A ratio has the province's value as a line among the communes'; a count (new acceptors)
    // has neither the province's total nor its target on the communes' scale.
    const rankedText = () => page.getByTestId('ranked-chart').locator('svg').first().textContent();
    await expect.poll(rankedText).toContain('Toàn tỉnh');
    await page.getByLabel('Chỉ tiêu', { exact: true }).selectOption('new_acceptors');
    await expect.poll(rankedText).toContain('người mới');
    expect(await rankedText()).not.toMatch(/Toàn tỉnh|Chỉ tiêu/);
    await page.getByLabel('Chỉ tiêu', { exact: true }).selectOption('srb');
    await page.getByLabel('Tìm xã').fill(expected.find((x) => x.level === 'commune')!.unit_name.slice(0, 6));
    expect(await page.getByTestId('commune-table').locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    await page.getByLabel('Tìm xã').fill('');
    await page.getByLabel(/Làm trơn/).check();
    // The population's sex ratio is a ratio of stocks, not smoothed: the view says it shows raw values.
    await page.getByLabel('Chỉ tiêu', { exact: true }).selectOption('sex_ratio');
    await expect.poll(() => page.getByTestId('not-smoothed').textContent()).toContain('giá trị thô');
    // A smoothed rate: the table keeps each commune's raw value and interval, the smoothed one beside them.
    await page.getByLabel('Chỉ tiêu', { exact: true }).selectOption('cbr');
    const cbr = expected.find((x) => x.indicator === 'cbr' && x.level === 'commune' && x.period === String(lastYear) && x.smoothed != null)!;
    const cells = page.getByTestId('commune-table').locator('tr', { hasText: cbr.unit_name }).locator('td');
    await expect.poll(() => cells.allTextContents()).toEqual(
      expect.arrayContaining([vi(cbr.value!, 1), vi(cbr.lower!, 1), vi(cbr.upper!, 1), vi(cbr.smoothed!, 1)]),
    );
    expect(await page.getByTestId('commune-table').getByTestId('smoothed-value').count()).toBe(4);
    const smoothedOf = (indicator: string) =>
      new Set(expected.filter((x) => x.indicator === indicator && x.level === 'commune' && x.period === String(lastYear)).map((x) => x.smoothed!.toFixed(9)));
    expect(smoothedOf('cbr').size).toBeGreaterThan(1);
    expect(await page.getByTestId('smoothed-equal').count()).toBe(0);
    // The SRB is smoothed through its share of boys: the smoothed SRB beside the raw one. On
    // these four communes (38–81 births) their differences are within chance: every smoothed
    // SRB is the same, and the view says why.
    await page.getByLabel('Chỉ tiêu', { exact: true }).selectOption('srb');
    const srb = expected.find((x) => x.indicator === 'srb' && x.level === 'commune' && x.period === String(lastYear) && x.smoothed != null)!;
    const srbCells = page.getByTestId('commune-table').locator('tr', { hasText: srb.unit_name }).locator('td');
    await expect.poll(() => srbCells.allTextContents()).toEqual(expect.arrayContaining([vi(srb.value!, 1), vi(srb.smoothed!, 1)]));
    expect(smoothedOf('srb').size).toBe(1);
    await expect.poll(() => page.getByTestId('smoothed-equal').textContent()).toContain('dao động ngẫu nhiên');
    await screenshot(page, 'views-variation');
    // The export names the indicator and period on every row, the flag's code apart from its
    // reason, and the smoothed values in a column of their own ('-eb' in the file's name).
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Xuất CSV' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe(`srb-${lastYear}-eb.csv`);
    const lines = readFileSync(await saved.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Mã chỉ tiêu,Chỉ tiêu,Kỳ số liệu,Xã/phường,Mã,Giá trị,Cận dưới,Cận trên,Đã làm trơn,Tử số,Mẫu số,Số sự kiện,Ghi chú,Lý do');
    const srbRows = expected.filter((x) => x.indicator === 'srb' && x.level === 'commune' && x.period === String(lastYear));
    expect(lines.length - 1).toBe(srbRows.length);
    for (const line of lines.slice(1)) expect(line.startsWith(`srb,Tỷ số giới tính khi sinh,${lastYear},`)).toBe(true);
    // A boundary file: the map colours the four communes and shows the fifth as "no data".
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /Nạp ranh giới xã/ }).click();
    await (await chooser).setFiles(boundaryFile);
    const map = page.getByTestId('choropleth').locator('svg').first();
    await map.waitFor({ timeout: 30_000 });
    await expect.poll(() => map.textContent()).toContain('Không có số liệu');
    const shapes = map.locator('path[aria-roledescription="geoshape"]');
    expect(await shapes.count()).toBe(5);
    // Five side-by-side squares (an RFC 7946 file, anticlockwise rings): each a fifth of the row.
    const boxes = await Promise.all([0, 1, 2, 3, 4].map(async (i) => (await shapes.nth(i).boundingBox())!));
    const row = Math.max(...boxes.map((b) => b.x + b.width)) - Math.min(...boxes.map((b) => b.x));
    for (const b of boxes) expect(b.width / row).toBeLessThan(0.25);
    await page.getByTestId('choropleth').scrollIntoViewIfNeeded();
    await screenshot(page, 'views-map');

    await tab('Tháp dân số').click();
    await page.getByTestId('pyramid-chart').locator('svg').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('whipple').textContent(), { timeout: 30_000 }).toMatch(/^\d+,\d$/);
    await page.getByLabel('Chồng lên').selectOption('year');
    await screenshot(page, 'views-pyramid');

    await tab('Chi tiết chỉ tiêu').click();
    await page.getByLabel('Chỉ tiêu', { exact: true }).selectOption('mcpr');
    await page.getByTestId('detail-trend').locator('svg').first().waitFor({ timeout: 30_000 });
    // Communes of the province without any data (02686, the fifth of the boundary file, among
    // them) are listed apart from the months missing in the four with data.
    await expect.poll(() => page.getByTestId('communes-without-data').textContent(), { timeout: 30_000 }).toContain('Xã A Mú Sung (02686)');
    expect(await page.getByTestId('quality-notes').textContent()).not.toMatch(/02686: \d{4}/);
    await screenshot(page, 'views-detail');
  });

  it('switches to English with English number formats', async () => {
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await tab('Dashboard').click();
    const tfr = find('tfr');
    await expect.poll(() => card('tfr').getByTestId('value').textContent()).toBe(`${tfr.value!.toFixed(2)} children per woman`);
    await screenshot(page, 'views-dashboard-en');
    await tab('Communes').click();
    await page.getByTestId('ranked-chart').locator('svg').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'views-variation-en');
    expect(pageErrors(page)).toEqual([]);
  });
});
