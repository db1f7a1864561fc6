import type { Browser, Page } from 'puppeteer-core';
import { Clock } from '../../src/common/clock.js';
import { launchBrowser, NARROW, signedInPage, submitAndWait } from '../support/browser.js';
import { startListeningApp, type ListeningApp } from '../support/listening-app.js';

describe('management review pages in Chromium', () => {
  let app: ListeningApp;
  let browser: Browser;
  let unitId: string;

  const signIn = (username: string): Promise<Page> =>
    signedInPage(browser, app.baseUrl, username, { viewport: NARROW });
  const overflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const setDate = (page: Page, selector: string, day: string) =>
    page.$eval(selector, (e, v) => ((e as HTMLInputElement).value = v), day);
  const text = (page: Page, selector: string) =>
    page.$eval(selector, (e) => (e as HTMLElement).innerText);

  beforeAll(async () => {
    app = await startListeningApp();
    // 2 December 2026 WITA: an action due in October is overdue.
    app.app.get(Clock).now = () => new Date('2026-12-02T02:00:00Z');
    browser = await launchBrowser();
    unitId = (await app.db.query<{ id: string }[]>(`SELECT id FROM unit WHERE code = 'BKD'`))[0].id;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('an officer records a review, fills its 9.3.2 checklist, adds a decision with an action and closes it; the unit page lists the open action', async () => {
    const page = await signIn('officer.bkd');
    await page.goto(`${app.baseUrl}/units/${unitId}`);
    await submitAndWait(page, `a[href="/units/${unitId}/management-reviews"]`);
    expect(await text(page, '[data-testid="reviews"]')).toContain('Rapat Tinjauan Manajemen BKD');
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    await page.type('#rv-title', 'Tinjauan Manajemen Semester II');
    await setDate(page, '#rv-held', '2026-10-01');
    await page.type('#rv-chair', 'Kepala Badan Keuangan Daerah');
    await page.type('#rv-attendees', 'Sekretaris Badan\nKabid Pendapatan');
    await submitAndWait(page, '#review-form button[type=submit]');
    expect(page.url()).toMatch(/\/management-reviews\/[0-9a-f-]{36}\?flash=review_saved$/);
    const reviewPath = new URL(page.url()).pathname;
    expect(await text(page, 'main')).toContain('1 Oktober 2026');
    expect(await text(page, 'main')).toContain('Sekretaris Badan, Kabid Pendapatan');
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    // Closing with nothing discussed: refused (422) with the inputs listed on the page.
    await submitAndWait(page, '#close-form button[type=submit]');
    const refusal = await text(page, '[data-testid="close-error"]');
    expect(refusal).toContain('12');
    expect(refusal).toContain('Kinerja penyedia eksternal');
    expect(await text(page, '[data-testid="review-state"]')).toBe('Draf');

    // The checklist: every input discussed, one with a note.
    const codes = await page.$$eval('#checklist-form input[name=discussed]', (b) =>
      b.map((e) => e.value),
    );
    expect(codes).toHaveLength(12);
    for (const code of codes) await page.click(`#in-${code}`);
    await page.type('#note-external_providers', 'Penyedia aplikasi PBB tepat waktu');
    await submitAndWait(page, '#checklist-form button[type=submit]');
    expect(page.url()).toContain('flash=review_saved');
    expect(
      await page.$$eval('#checklist-form input[name=discussed]:checked', (b) => b.length),
    ).toBe(12);
    expect(
      await page.$eval('#note-external_providers', (e) => (e as HTMLTextAreaElement).value),
    ).toBe('Penyedia aplikasi PBB tepat waktu');

    // A decision with an action but no owner: refused beside the field, what was typed kept.
    await page.type('#d-decision', 'Loket konsultasi PBB dibuka setiap Jumat');
    await page.type('#d-action', 'Menyusun jadwal petugas konsultasi');
    await setDate(page, '#d-due', '2026-10-15');
    await submitAndWait(page, '#decision-form button[type=submit]');
    expect(await page.$('[data-testid="decision-error"]')).not.toBeNull();
    expect(await page.$eval('#d-action', (e) => (e as HTMLTextAreaElement).value)).toBe(
      'Menyusun jadwal petugas konsultasi',
    );
    expect(await page.$('[data-testid="decisions"]')).toBeNull();
    await page.type('#d-owner', 'Kabid Pendapatan');
    await submitAndWait(page, '#decision-form button[type=submit]');
    expect(page.url()).toContain('flash=decision_saved');
    const decisions = await text(page, '[data-testid="decisions"]');
    expect(decisions).toContain('Menyusun jadwal petugas konsultasi');
    expect(decisions).toContain('15 Oktober 2026');
    expect(decisions).toContain('Terlambat');

    await submitAndWait(page, '#close-form button[type=submit]');
    expect(page.url()).toContain('flash=review_closed');
    expect(await text(page, '[data-testid="review-state"]')).toBe('Ditutup');
    expect(await page.$('#close-form')).toBeNull();
    expect(await page.$('#decision-form')).toBeNull();
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    // The minutes: issued as a numbered PDF, linked on the page.
    await submitAndWait(page, '#minutes-form button[type=submit]');
    expect(page.url()).toContain('flash=report_issued');
    expect(await page.$eval('[data-testid="minutes"] a', (a) => a.getAttribute('href'))).toMatch(
      /^\/api\/reports\/[0-9a-f-]{36}\/file$/,
    );

    await page.goto(`${app.baseUrl}/units/${unitId}`);
    const actions = await text(page, '[data-testid="review-actions"]');
    expect(actions).toContain('Menyusun jadwal petugas konsultasi');
    expect(actions).toContain('Kabid Pendapatan');
    expect(actions).toContain('Terlambat');
    expect(
      await page.$eval('[data-testid="review-actions"] a', (a) => a.getAttribute('href')),
    ).toBe(`${reviewPath}#decisions`);
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    // In English too.
    await page.goto(`${app.baseUrl}${reviewPath}?lang=en`);
    expect(await text(page, '[data-testid="review-state"]')).toBe('Closed');
    expect(await text(page, '[data-testid="decisions"]')).toContain('15 October 2026');
  });

  it('a manager reads a review but has no form to change it', async () => {
    const page = await signIn('management');
    await page.goto(`${app.baseUrl}/units/${unitId}/management-reviews`);
    expect(await page.$('#review-form')).toBeNull();
    const link = await page.$eval('[data-testid="reviews"] a', (a) => a.getAttribute('href'));
    await page.goto(`${app.baseUrl}${link}`);
    expect(await page.$('#checklist-form button[type=submit]')).toBeNull();
    expect(await page.$('#close-form')).toBeNull();
    expect(await page.$('form[action^="/review-decisions/"]')).toBeNull();
  });

  it('the officer marks the action done on the unit page: it leaves the open actions, the review shows it done', async () => {
    const page = await signIn('officer.bkd');
    await page.goto(`${app.baseUrl}/units/${unitId}`);
    const row = async () =>
      page.$$eval(
        '[data-testid="review-actions"] tr[data-action]',
        (rows) =>
          rows
            .find((r) => r.textContent?.includes('Menyusun jadwal petugas konsultasi'))
            ?.getAttribute('data-action') ?? null,
      );
    const id = await row();
    expect(id).not.toBeNull();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.type(`#done-note-${id}`, 'Jadwal petugas ditetapkan SK Kaban');
    await submitAndWait(page, `[data-testid="complete-${id}"] button[type=submit]`);
    expect(page.url()).toBe(`${app.baseUrl}/units/${unitId}?flash=action_done#review-actions`);
    expect(await text(page, '.flash')).toContain('Tindak lanjut ditandai selesai');
    expect(await row()).toBeNull();

    const link = await page.$eval(`a[href="/units/${unitId}/management-reviews"]`, (a) =>
      a.getAttribute('href'),
    );
    await page.goto(`${app.baseUrl}${link}`);
    const review = await page.$$eval('[data-testid="reviews"] a', (as) =>
      as.find((a) => a.textContent?.includes('Semester II'))?.getAttribute('href'),
    );
    await page.goto(`${app.baseUrl}${review}`);
    const decisions = await text(page, '[data-testid="decisions"]');
    expect(await text(page, '[data-testid="action-status"]')).toBe('Selesai');
    expect(decisions).toContain('Jadwal petugas ditetapkan SK Kaban');
    expect(decisions).not.toContain('Terlambat');
    expect(await page.$(`[data-testid="complete-${id}"]`)).toBeNull();
  });
});
