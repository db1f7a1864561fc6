import type { Browser, Page } from 'puppeteer-core';
import { launchBrowser, screenshot, submitAndWait } from '../support/browser.js';
import { startListeningApp, type ListeningApp } from '../support/listening-app.js';

describe('signing in and out in a real browser', () => {
  let app: ListeningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startListeningApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async () => {
    const context = await browser.createBrowserContext();
    page = await context.newPage();
  });
  afterEach(async () => {
    await page.browserContext().close();
  });

  it('sends a visitor to the sign-in page in Indonesian and keeps what was typed after a wrong password', async () => {
    await page.goto(`${app.baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Masuk ke Mutu');
    await page.type('#username', 'officer.dukcapil');
    await page.type('#password', 'salah-ketik');
    await submitAndWait(page, 'button[type=submit]');
    expect(await page.$eval('#login-error', (e) => e.textContent)).toBe(
      'Nama pengguna atau kata sandi salah.',
    );
    expect(await page.$eval('#username', (e) => (e as HTMLInputElement).value)).toBe(
      'officer.dukcapil',
    );
    expect(await page.$eval('#password', (e) => (e as HTMLInputElement).value)).toBe('');
    await screenshot(page, 'login-error');
  });

  it('switches to English and back, remembered by a cookie', async () => {
    await page.goto(`${app.baseUrl}/login`);
    await submitAndWait(page, 'a[hreflang=en]');
    await page.goto(`${app.baseUrl}/login`);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Sign in to Mutu');
    expect(await page.$eval('html', (h) => h.lang)).toBe('en');
  });

  it('signs in, lands on the role start page, and signs out', async () => {
    await page.goto(`${app.baseUrl}/login`);
    await page.type('#username', 'management');
    await page.type('#password', 'mutu-demo-2026');
    await submitAndWait(page, 'button[type=submit]');
    expect(new URL(page.url()).pathname).toMatch(/^\/organisations\/[0-9a-f-]{36}$/);
    await submitAndWait(page, 'form[action="/logout"] button');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.$eval('.flash', (e) => e.textContent)).toBe('Anda telah keluar.');
    await page.goto(`${app.baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('shows a translated error page, not JSON or a stack trace, for an unknown page', async () => {
    const res = await page.goto(`${app.baseUrl}/tidak-ada`);
    expect(res?.status()).toBe(404);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Halaman tidak ditemukan');
    expect(await page.content()).not.toMatch(/at \w+ \(|node_modules/);
  });
});
