import type { Browser, Page } from 'puppeteer-core';
import { Clock } from '../../src/common/clock.js';
import { launchBrowser, NARROW, signedInPage, submitAndWait } from '../support/browser.js';
import { startListeningApp, type ListeningApp } from '../support/listening-app.js';

describe('audit programme pages in Chromium', () => {
  let app: ListeningApp;
  let browser: Browser;
  let orgId: string;
  const ids: Record<string, string> = {};

  const signIn = (username: string): Promise<Page> =>
    signedInPage(browser, app.baseUrl, username, { viewport: NARROW });
  const overflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const text = (page: Page, selector: string) =>
    page.$eval(selector, (e) => (e as HTMLElement).innerText);
  const setValue = (page: Page, selector: string, value: string) =>
    page.$eval(selector, (e, v) => ((e as HTMLInputElement).value = v), value);
  const one = async (sql: string): Promise<string> =>
    (await app.db.query<{ id: string }[]>(sql))[0].id;

  beforeAll(async () => {
    app = await startListeningApp();
    app.app.get(Clock).now = () => new Date('2026-12-02T02:00:00Z');
    browser = await launchBrowser();
    orgId = await one(`SELECT id FROM organisation`);
    ids.dukcapil = await one(`SELECT id FROM unit WHERE code = 'DUKCAPIL'`);
    ids.officer = await one(`SELECT id FROM user_account WHERE username = 'officer.dukcapil'`);
    ids.assessor = await one(`SELECT id FROM user_account WHERE username = 'assessor'`);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the admin plans an audit (refused while the lead auditor is not independent, then justified), postpones one with a reason', async () => {
    const page = await signIn('admin');
    await page.goto(`${app.baseUrl}/organisations/${orgId}/audit-programmes`);
    const link = await page.$eval('[data-testid="programmes"] a', (a) => a.getAttribute('href'));
    await page.goto(`${app.baseUrl}${link}`);
    const list = await text(page, '[data-testid="entries"]');
    expect(list).toContain('Dinas Kependudukan dan Pencatatan Sipil');
    expect(list).toMatch(/Rumah Sakit Umum Daerah[^\n]*Direncanakan Terlambat/);
    const calendar = await text(page, '[data-testid="calendar"]');
    expect(calendar).toContain('Desember');
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    // Dukcapil's own officer as lead auditor of Dukcapil: 422, the reason on the form.
    await page.select('#e-unit', ids.dukcapil);
    await page.type('#e-clauses', '7.5, 8.5.1');
    await setValue(page, '#e-start', '2026-12-14');
    await setValue(page, '#e-end', '2026-12-15');
    await page.select('#e-lead', ids.officer);
    await page.type('#e-criteria', 'ISO 9001:2015, SOP pelayanan');
    const before = await page.$$eval('[data-testid="entries"] > li', (l) => l.length);
    await submitAndWait(page, '#entry-form button[type=submit]');
    expect(await text(page, '[data-testid="form-error"]')).toContain('tidak independen');
    expect(await page.$eval('#e-criteria', (e) => (e as HTMLTextAreaElement).value)).toBe(
      'ISO 9001:2015, SOP pelayanan',
    );
    expect(await page.$eval('#e-lead', (e) => (e as HTMLSelectElement).value)).toBe(ids.officer);
    expect(await page.$$eval('[data-testid="entries"] > li', (l) => l.length)).toBe(before);

    // With a justification the exception is recorded and the audit planned.
    await page.type(
      '#e-justification',
      'Tidak ada auditor lain yang bersertifikat pada bulan Desember',
    );
    await submitAndWait(page, '#entry-form button[type=submit]');
    expect(page.url()).toContain('flash=audit_planned');
    expect(await page.$$eval('[data-testid="entries"] > li', (l) => l.length)).toBe(before + 1);
    expect(await text(page, '[data-testid="entries"]')).toContain('14 Desember 2026');

    // Postpone the first planned audit with a reason.
    const entry = await page.$eval('.postpone-form', (f) =>
      f.closest('li')?.getAttribute('data-entry'),
    );
    await page.type(`#pp-${entry}`, 'Bertepatan dengan penutupan tahun anggaran');
    await submitAndWait(page, `li[data-entry="${entry}"] .postpone-form button[type=submit]`);
    expect(page.url()).toContain('flash=audit_postponed');
    const row = await text(page, `li[data-entry="${entry}"]`);
    expect(row).toContain('Ditunda');
    expect(row).toContain('Bertepatan dengan penutupan tahun anggaran');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  });

  it('a quality officer reads the programme without the admin forms', async () => {
    const page = await signIn('officer.dukcapil');
    await page.goto(`${app.baseUrl}/units/${ids.dukcapil}`);
    await submitAndWait(page, `a[href="/organisations/${orgId}/audit-programmes"]`);
    const link = await page.$eval('[data-testid="programmes"] a', (a) => a.getAttribute('href'));
    await page.goto(`${app.baseUrl}${link}?lang=en`);
    expect(await text(page, '[data-testid="calendar"]')).toContain('December');
    expect(await page.$('#entry-form')).toBeNull();
    expect(await page.$('.start-form')).toBeNull();
  });
});
