import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import {
  launchBrowser,
  NARROW,
  screenshot,
  signedInPage,
  submitAndWait,
} from '../support/browser.js';
import { startListeningApp, type ListeningApp } from '../support/listening-app.js';

// A Qlue-style log (its own headers): the mapping must be chosen once, then it is saved.
const LOG = [
  'ID Qlue,Nama Pelapor,Telepon,Topik,Waktu Masuk,Respon TRC,Beres,Kondisi',
  'QLU-B-1,Ani Manafe,081200000001,Antrean,2025-03-03,2025-03-04,2025-03-06,Selesai',
  'QLU-B-2,Budi Tefa,081200000002,Antrean,2025-03-10,2025-03-11,,Proses',
  'QLU-B-3,Cici Kase,081200000003,Pungutan,2025-03-12,,,Baru',
].join('\n');

describe('complaints page in Chromium', () => {
  let app: ListeningApp;
  let browser: Browser;
  let unitId: string;
  let dir: string;

  const signIn = (username: string): Promise<Page> =>
    signedInPage(browser, app.baseUrl, username, { viewport: NARROW });
  const facts = (page: Page) =>
    page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      text: document.body.innerText,
      unlabelled: [...document.querySelectorAll('input:not([type=hidden]), select')].filter(
        (el) => !el.id || !document.querySelector(`label[for="${el.id}"]`),
      ).length,
    }));

  beforeAll(async () => {
    app = await startListeningApp();
    browser = await launchBrowser();
    unitId = (
      await app.db.query<{ id: string }[]>(`SELECT id FROM unit WHERE code = 'DUKCAPIL'`)
    )[0].id;
    dir = mkdtempSync(join(tmpdir(), 'mutu-complaints-'));
    writeFileSync(join(dir, 'qlue.csv'), LOG);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the demo metrics from the unit page, in id and en, on a 375 px screen', async () => {
    const page = await signIn('officer.dukcapil');
    const path = `/units/${unitId}/complaints`;
    await page.goto(`${app.baseUrl}/units/${unitId}`);
    expect((await facts(page)).text).toMatch(/Pengaduan \d{4}-S[12]: \d+ diterima/);
    await submitAndWait(page, `a[href="${path}"]`);
    for (const lang of ['id', 'en']) {
      await page.goto(`${app.baseUrl}/lang/${lang}?next=${encodeURIComponent(path)}`);
      const f = await facts(page);
      expect(f.overflow).toBeLessThanOrEqual(0);
      expect(f.unlabelled).toBe(0);
      expect(
        Number(await page.$eval('[data-testid="complaint-received"]', (e) => e.textContent)),
      ).toBeGreaterThan(0);
      expect(f.text).toContain(lang === 'id' ? 'hari kerja' : 'working days');
      expect(f.text).toContain(lang === 'id' ? 'dibuang tanpa dibaca' : 'dropped unread');
      expect(f.text).not.toMatch(/\bcomplaint\.[a-zA-Z_]+\b/);
    }
  });

  it('imports a log of a new source: the user confirms the mapping, then the metrics show it', async () => {
    const page = await signIn('officer.dukcapil');
    await page.goto(`${app.baseUrl}/units/${unitId}/complaints?lang=en`);
    await page.$eval('#complaint-source', (e) => ((e as HTMLInputElement).value = ''));
    await page.type('#complaint-source', 'qlue');
    const input = await page.$('#complaint-file');
    await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(
      join(dir, 'qlue.csv'),
    );
    await submitAndWait(page, '#import button[type=submit]');
    // No mapping fits yet: the mapping step lists the file's columns, personal ones never offered.
    let f = await facts(page);
    expect(f.overflow).toBeLessThanOrEqual(0);
    expect(f.unlabelled).toBe(0);
    const offered = await page.$$eval('#map-trackingId option', (os) => os.map((o) => o.value));
    expect(offered).toContain('ID Qlue');
    await page.select('#map-trackingId', 'ID Qlue');
    await page.select('#map-category', 'Topik');
    await page.select('#map-received', 'Waktu Masuk');
    await page.select('#map-firstResponse', 'Respon TRC');
    await page.select('#map-resolved', 'Beres');
    await page.select('#map-status', 'Kondisi');
    await screenshot(page, 'narrow-complaint-mapping');
    await submitAndWait(page, '[data-testid="complaint-confirm"]');
    expect(new URL(page.url()).pathname).toBe(`/units/${unitId}/complaints`);
    f = await facts(page);
    expect(f.text).toContain('Complaint log imported.');
    await page.goto(`${app.baseUrl}/units/${unitId}/complaints?period=2025-S1&lang=en`);
    f = await facts(page);
    expect(await page.$eval('[data-testid="complaint-received"]', (e) => e.textContent)).toBe('3');
    expect(f.text).toContain('2 open, 2 overdue');
    const categories = await page.$eval(
      '[data-testid="complaint-categories"]',
      (e) => (e as HTMLElement).innerText,
    );
    expect(categories).toMatch(/Antrean\s+2/);
    expect(f.text).not.toContain('Ani Manafe');
    const stored = await app.db.query<{ n: number }[]>(
      `SELECT COUNT(*) AS n FROM complaint WHERE tracking_id LIKE 'QLU-B-%'`,
    );
    expect(Number(stored[0].n)).toBe(3);
  });

  it('the management dashboard shows the complaints of the semester', async () => {
    const page = await signIn('management');
    await page.goto(`${app.baseUrl}/`);
    const line = await page.$eval(
      '[data-testid="dashboard-complaints"]',
      (e) => e.textContent ?? '',
    );
    expect(line).toMatch(
      /^Pengaduan \d{4}-S[12]: [1-9]\d* diterima, \d+ terbuka, \d+ melewati batas$/,
    );
  });

  it('an assessor raises a finding from a recurring category in one click', async () => {
    const page = await signIn('assessor');
    await page.goto(`${app.baseUrl}/units/${unitId}/complaints?lang=en`);
    const buttons = await page.$$('[data-testid="complaint-raise"]');
    expect(buttons.length).toBeGreaterThan(0);
    await submitAndWait(page, '[data-testid="complaint-raise"]');
    expect(new URL(page.url()).pathname).toMatch(/^\/findings\/[0-9a-f-]{36}$/);
    const text = (await facts(page)).text;
    // The flash follows the session's language (Indonesian); the statement the request's (English).
    expect(text).toContain('Temuan dicatat pada asesmen berjalan.');
    expect(text).toMatch(/Recurring complaints: \d+ complaints in category/);
  });
});
