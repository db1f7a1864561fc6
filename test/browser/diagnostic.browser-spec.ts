import type { Browser, Page } from 'puppeteer-core';
import {
  launchBrowser,
  NARROW,
  screenshot,
  signedInPage,
  submitAndWait,
} from '../support/browser.js';
import { startListeningApp, type ListeningApp } from '../support/listening-app.js';

describe('ISO 18091 diagnostic pages in Chromium', () => {
  let app: ListeningApp;
  let browser: Browser;
  let diagnosticId: string;

  const signIn = (username: string): Promise<Page> =>
    signedInPage(browser, app.baseUrl, username, { viewport: NARROW });
  const cell = (page: Page, code: string) =>
    page.$eval(`[data-testid="cell-${code}"]`, (e) => ({
      rating: e.getAttribute('data-rating'),
      text: (e as HTMLElement).innerText,
    }));

  beforeAll(async () => {
    app = await startListeningApp();
    browser = await launchBrowser();
    diagnosticId = (
      await app.db.query<{ id: string }[]>(`SELECT id FROM diagnostic WHERE period = 2026`)
    )[0].id;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the outside assessor lands on the diagnostics, rates an indicator and sees the matrix change', async () => {
    const page = await signIn('diagnostic.assessor');
    // Their start page is the organisation's diagnostics; the menu offers nothing else.
    expect(new URL(page.url()).pathname).toMatch(/^\/organisations\/[0-9a-f-]+\/diagnostics$/);
    const menu = await page.$$eval('nav.menu a', (links) =>
      links.map((a) => a.getAttribute('href')),
    );
    expect(menu.filter((h) => h !== '/' && !h!.endsWith('/diagnostics'))).toEqual([]);
    await submitAndWait(page, `a[href="/diagnostics/${diagnosticId}"]`);

    const before = await cell(page, '4.8');
    expect(before.rating).toBe('red');
    expect(before.text).toContain('Merah');
    expect(before.text).toContain('memburuk');
    const summary = () =>
      page.$eval('[data-testid="quadrant-summary-environmental"]', (e) => e.textContent ?? '');
    expect(await summary()).toBe('4 merah · 4 kuning · 0 hijau · 0 belum dinilai');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    await submitAndWait(page, `[data-testid="cell-4.8"] a`);
    expect(await page.$eval('h1', (h) => h.textContent)).toContain('4.8');
    await page.click('input[name=rating][value=green]');
    await page.type('#i-note', 'Kampanye sekolah dimulai lagi.');
    await submitAndWait(page, 'form.stack button[type=submit]');

    expect(new URL(page.url()).pathname).toBe(`/diagnostics/${diagnosticId}`);
    expect(await page.$eval('.flash', (e) => e.textContent)).toContain('disimpan');
    const after = await cell(page, '4.8');
    expect(after.rating).toBe('green');
    expect(after.text).toContain('Hijau');
    expect(after.text).toContain('membaik');
    expect(await summary()).toBe('3 merah · 4 kuning · 1 hijau · 0 belum dinilai');
    await screenshot(page, 'diagnostic-matrix-375');

    // In English, the same matrix with English labels.
    await page.goto(
      `${app.baseUrl}/lang/en?next=${encodeURIComponent(`/diagnostics/${diagnosticId}`)}`,
    );
    const en = await cell(page, '4.8');
    expect(en.text).toContain('Green');
    expect(en.text).toContain('improved');
    expect(en.text).toContain('Environmental education');
  });

  it('management reads the matrix but gets no rating form', async () => {
    const page = await signIn('management');
    // From the organisation dashboard (their start page) to the periods, then to 2026.
    await submitAndWait(page, 'a[href$="/diagnostics"]');
    expect(await page.$$eval('[data-testid="diagnostic-periods"] tbody tr', (r) => r.length)).toBe(
      2,
    );
    expect(await page.$$('form[action$="/diagnostics"]')).toHaveLength(0);
    await submitAndWait(page, `a[href="/diagnostics/${diagnosticId}"]`);
    expect(await page.$$eval('[data-testid="diagnostic-matrix"] li', (l) => l.length)).toBe(39);
    expect(await page.$$('[data-testid="cell-1.1"] a')).toHaveLength(0);
    const res = await page.goto(`${app.baseUrl}/diagnostics/${diagnosticId}/indicators/1.1`);
    expect(res?.status()).toBe(403);
  });
});
