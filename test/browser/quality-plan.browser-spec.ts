import type { Browser, Page } from 'puppeteer-core';
import { addDays, todayInZone } from '../../src/common/dates.js';
import { periodOfDay } from '../../src/objectives/objective-rules.js';
import { launchBrowser, NARROW, signedInPage, submitAndWait } from '../support/browser.js';
import { startListeningApp, type ListeningApp } from '../support/listening-app.js';

describe('risk register and quality objectives in Chromium', () => {
  let app: ListeningApp;
  let browser: Browser;
  let unitId: string;

  const signIn = (username: string): Promise<Page> =>
    signedInPage(browser, app.baseUrl, username, { viewport: NARROW });
  const overflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  beforeAll(async () => {
    app = await startListeningApp();
    browser = await launchBrowser();
    unitId = (
      await app.db.query<{ id: string }[]>(`SELECT id FROM unit WHERE code = 'DUKCAPIL'`)
    )[0].id;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('enters a measurement on the objective page: the chart gains the point and the state shows on track', async () => {
    const page = await signIn('officer.dukcapil');
    await page.goto(`${app.baseUrl}/units/${unitId}`);
    await submitAndWait(page, `a[href="/units/${unitId}/objectives"]`);
    expect(await page.$eval('[data-testid="objectives"]', (e) => e.textContent)).toContain(
      'KTP-el selesai ≤ 1 hari kerja',
    );
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    const link = await page.$$eval('[data-testid="objectives"] a', (as) =>
      as.find((a) => a.textContent?.includes('KTP-el'))?.getAttribute('href'),
    );
    await page.goto(`${app.baseUrl}${link}`);
    const points = () =>
      page.$$eval('[data-testid="objective-chart"] .series-point', (p) => p.length);
    const before = await points();
    expect(before).toBeGreaterThanOrEqual(2);

    // November 2026 has ended and has no measurement yet; the value typed the Indonesian way.
    await page.$eval('#m-period', (e) => ((e as HTMLInputElement).value = ''));
    await page.type('#m-period', '2026-11');
    await page.type('#m-value', '0,8');
    await page.type('#m-note', 'Rekap SIAK November');
    await submitAndWait(page, '#measurement-form button[type=submit]');
    expect(page.url()).toContain('flash=measurement_saved');
    expect(await points()).toBe(before + 1);
    expect(
      await page.$$eval('[data-testid="objective-chart"] .series-point.met', (p) => p.length),
    ).toBeGreaterThanOrEqual(1);
    expect(await page.$eval('[data-testid="objective-state"]', (e) => e.textContent)).toBe(
      'Sesuai target',
    );
    expect(await page.$eval('[data-testid="measurements"]', (e) => e.textContent)).toContain('0,8');
    const chartWidth = await page.$eval(
      '[data-testid="objective-chart"] svg',
      (e) => e.getBoundingClientRect().width,
    );
    expect(chartWidth).toBeGreaterThan(200);
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    // The same period again: refused with the reason, what was typed kept, nothing added.
    await page.$eval('#m-period', (e) => ((e as HTMLInputElement).value = ''));
    await page.type('#m-period', '2026-11');
    await page.type('#m-value', '2');
    await submitAndWait(page, '#measurement-form button[type=submit]');
    expect(await page.$eval('[data-testid="form-error"]', (e) => e.textContent)).toContain(
      '2026-11',
    );
    expect(await page.$eval('#m-value', (e) => (e as HTMLInputElement).value)).toBe('2');
    expect(await points()).toBe(before + 1);

    // In English, the state reads so too.
    await page.goto(`${app.baseUrl}${link}?lang=en`);
    expect(await page.$eval('[data-testid="objective-state"]', (e) => e.textContent)).toBe(
      'On track',
    );
  });

  it('shows the register with its heat map and adds a risk from the form, on a 375 px screen', async () => {
    const page = await signIn('officer.dukcapil');
    await page.goto(`${app.baseUrl}/units/${unitId}/risks`);
    const cells = await page.$$eval('[data-testid="risk-heatmap"] .heat-cell', (c) => c.length);
    expect(cells).toBe(25);
    const counted = () =>
      page.$$eval('[data-testid="risk-heatmap"] .heat-cell', (c) =>
        c.reduce((n, e) => n + Number(e.getAttribute('data-count')), 0),
      );
    const before = await counted();
    expect(before).toBeGreaterThanOrEqual(2);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.type('#r-title', 'Printer KTP-el rusak');
    await page.select('#r-likelihood', '3');
    await page.select('#r-impact', '2');
    await submitAndWait(page, '#risk-form button[type=submit]');
    expect(page.url()).toContain('flash=risk_saved');
    expect(await counted()).toBe(before + 1);
    expect(await page.$eval('[data-testid="risk-register"]', (e) => e.textContent)).toContain(
      'Printer KTP-el rusak',
    );
  });

  it("edits a risk's likelihood on its page: the level changes in the register and the heat map", async () => {
    const page = await signIn('officer.dukcapil');
    await page.goto(`${app.baseUrl}/units/${unitId}/risks`);
    const cell = (l: number, i: number) =>
      page.$eval(
        `[data-testid="risk-heatmap"] .heat-cell[data-likelihood="${l}"][data-impact="${i}"]`,
        (e) => Number(e.getAttribute('data-count')),
      );
    await page.type('#r-title', 'Jaringan SIAK lambat');
    await page.select('#r-likelihood', '1');
    await page.select('#r-impact', '2');
    await submitAndWait(page, '#risk-form button[type=submit]');
    const [low, high] = [await cell(1, 2), await cell(5, 2)];
    const code = await page.$$eval(
      '[data-testid="risk-register"] tr',
      (rows) =>
        rows
          .find((r) => r.textContent?.includes('Jaringan SIAK lambat'))
          ?.querySelector('a[data-testid^="risk-"]')?.textContent ?? null,
    );
    expect(code).toMatch(/^R-\d{3}$/);
    expect(await page.$eval(`[data-testid="level-${code}"]`, (e) => e.textContent)).toBe('Rendah');

    await submitAndWait(page, `a[data-testid="risk-${code}"]`);
    expect(await page.$eval('#r-likelihood', (e) => (e as HTMLSelectElement).value)).toBe('1');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    // A blank description is refused beside the field; the new rating stays chosen.
    await page.$eval('#r-title', (e) => ((e as HTMLInputElement).value = ''));
    await page.$eval('#r-title', (e) => e.removeAttribute('required'));
    await page.select('#r-likelihood', '5');
    await submitAndWait(page, '#risk-edit-form button[type=submit]');
    expect(await page.$eval('[data-testid="error-title"]', (e) => e.textContent)).toBe(
      'wajib diisi',
    );
    expect(await page.$eval('#r-likelihood', (e) => (e as HTMLSelectElement).value)).toBe('5');
    await page.type('#r-title', 'Jaringan SIAK lambat');
    await page.select('#r-treatment', 'reduce');
    await page.type('#r-owner', 'Kasi Pengelolaan Informasi');
    await submitAndWait(page, '#risk-edit-form button[type=submit]');
    expect(page.url()).toBe(`${app.baseUrl}/units/${unitId}/risks?flash=risk_saved`);
    expect(await page.$eval(`[data-testid="level-${code}"]`, (e) => e.textContent)).toBe('Tinggi');
    expect(await cell(1, 2)).toBe(low - 1);
    expect(await cell(5, 2)).toBe(high + 1);

    // Withdrawn with a reason: it leaves the register and the heat map.
    await submitAndWait(page, `a[data-testid="risk-${code}"]`);
    await page.type('#w-reason', 'Jaringan diganti fiber optik');
    await submitAndWait(page, '#risk-withdraw-form button[type=submit]');
    expect(page.url()).toContain('flash=risk_withdrawn');
    expect(await page.$(`a[data-testid="risk-${code}"]`)).toBeNull();
    expect(await cell(5, 2)).toBe(high);
  });

  it('creates an objective on the objectives page and enters its first measurement', async () => {
    const page = await signIn('officer.dukcapil');
    const lastMonth = periodOfDay('monthly', addDays(todayInZone(new Date()), -31));
    await page.goto(`${app.baseUrl}/units/${unitId}/objectives`);
    await page.type('#o-statement', 'Akta kelahiran terbit paling lama 60 menit');
    await page.type('#o-indicator', 'Rata-rata waktu penerbitan akta kelahiran');
    await page.type('#o-unit', 'menit');
    await page.select('#o-direction', 'at_most');
    await page.type('#o-target', '60');
    await page.type('#o-first', lastMonth);
    await page.type('#o-iku', 'IKU-1.3');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await submitAndWait(page, '#objective-form button[type=submit]');
    expect(page.url()).toMatch(/\/objectives\/[0-9a-f-]{36}\?flash=objective_saved$/);
    expect(await page.$eval('h1', (e) => e.textContent)).toContain(
      'Akta kelahiran terbit paling lama 60 menit',
    );
    expect(await page.$eval('[data-testid="objective-state"]', (e) => e.textContent)).toBe(
      'Belum diukur',
    );
    await page.$eval('#m-period', (e) => ((e as HTMLInputElement).value = ''));
    await page.type('#m-period', lastMonth);
    await page.type('#m-value', '45,5');
    await submitAndWait(page, '#measurement-form button[type=submit]');
    expect(page.url()).toContain('flash=measurement_saved');
    expect(
      await page.$$eval('[data-testid="objective-chart"] .series-point.met', (p) => p.length),
    ).toBe(1);
    expect(await page.$eval('[data-testid="objective-state"]', (e) => e.textContent)).toBe(
      'Sesuai target',
    );
    expect(await page.$eval('[data-testid="measurements"]', (e) => e.textContent)).toContain(
      '45,5',
    );
    // The objectives page lists it, on track.
    await page.goto(`${app.baseUrl}/units/${unitId}/objectives`);
    expect(await page.$eval('[data-testid="objectives"]', (e) => e.textContent)).toContain(
      'IKU IKU-1.3',
    );
  });
});
