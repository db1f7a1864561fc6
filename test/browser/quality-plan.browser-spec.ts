import type { Browser, Page } from 'puppeteer-core';
import { launchBrowser, NARROW, signedInPage, submitAndWait } from '../support/browser.js';
import { startListeningApp, type ListeningApp } from '../support/listening-app.js';

/** A phone-sized screen: what an officer uses in the field. */

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
});
