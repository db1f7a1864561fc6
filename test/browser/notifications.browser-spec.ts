import type { Browser, Page } from 'puppeteer-core';
import { todayInZone } from '../../src/common/dates.js';
import { NotificationEngine } from '../../src/notifications/notification-engine.js';
import { launchBrowser, screenshot, signIn, submitAndWait } from '../support/browser.js';
import { startListeningApp, type ListeningApp } from '../support/listening-app.js';

/** The bell, the list and marking read, as an officer sees them on a phone-sized screen. */
describe('notifications in a real browser', () => {
  let app: ListeningApp;
  let browser: Browser;
  let page: Page;

  const bellCount = async (): Promise<number> => {
    const badge = await page.$('[data-testid=bell-count]');
    return badge ? Number(await badge.evaluate((e) => e.textContent)) : 0;
  };

  beforeAll(async () => {
    app = await startListeningApp();
    // The scan the scheduler would run (no SMTP: in-app only).
    await app.app
      .get(NotificationEngine)
      .tick(new Date(`${todayInZone(new Date())}T06:00:00+08:00`));
    browser = await launchBrowser();
    const context = await browser.createBrowserContext();
    page = await context.newPage();
    await page.setViewport({ width: 375, height: 812 });
    await signIn(page, app.baseUrl, 'officer.dukcapil');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the bell shows the unread count and leads to the list with the same number of items', async () => {
    const count = await bellCount();
    expect(count).toBeGreaterThan(0);
    await submitAndWait(page, '[data-testid=bell]');
    expect(new URL(page.url()).pathname).toBe('/notifications');
    const items = await page.$$('[data-testid=notification]');
    expect(items).toHaveLength(count);
    const titles = await page.$$eval('.notification-title', (bs) => bs.map((b) => b.textContent));
    expect(titles.join(' ')).toMatch(/Bukti|Tindakan korektif|Temuan|Survei/);
    // Usable on a 375 px screen: nothing wider than the viewport.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await screenshot(page, 'notifications-375');
  });

  it('marking one read lowers the bell by one; the unread filter hides it; mark all read empties it', async () => {
    const before = await bellCount();
    await submitAndWait(page, '[data-testid=mark-read]');
    expect(await bellCount()).toBe(before - 1);
    await submitAndWait(page, '[data-testid=filter-unread]');
    expect(await page.$$('[data-testid=notification]')).toHaveLength(before - 1);
    await submitAndWait(page, '[data-testid=read-all]');
    expect(await bellCount()).toBe(0);
    expect(await page.$('[data-testid=bell]')).not.toBeNull();
    await page.goto(`${app.baseUrl}/notifications?unread=1`);
    expect(await page.$('[data-testid=no-notifications]')).not.toBeNull();
  });

  it('the settings page saves an address and refuses a bad one beside its field', async () => {
    await page.goto(`${app.baseUrl}/notifications/settings`);
    await page.$eval('#n-email', (e) => ((e as HTMLInputElement).type = 'text'));
    await page.$eval('#n-email', (e) => ((e as HTMLInputElement).value = ''));
    await page.type('#n-email', 'bukan alamat');
    await submitAndWait(page, '#notification-settings button[type=submit]');
    expect(await page.$eval('[data-testid=error-email]', (e) => e.textContent)).toMatch(
      /tidak valid/,
    );
    await page.$eval('#n-email', (e) => ((e as HTMLInputElement).value = ''));
    await page.type('#n-email', 'yanti@kupang.example');
    await page.select('#n-action_overdue', 'off');
    await submitAndWait(page, '#notification-settings button[type=submit]');
    expect(page.url()).toContain('flash=notification_settings_saved');
    expect(await page.$eval('#n-email', (e) => (e as HTMLInputElement).value)).toBe(
      'yanti@kupang.example',
    );
    expect(await page.$eval('#n-action_overdue', (e) => (e as HTMLSelectElement).value)).toBe(
      'off',
    );
  });
});
