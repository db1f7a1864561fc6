import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { Evidence } from '../../src/evidence/evidence.entity.js';
import { login } from '../support/auth.js';
import { launchBrowser, screenshot, signIn, submitAndWait } from '../support/browser.js';
import { startListeningApp, type ListeningApp } from '../support/listening-app.js';

/** A PDF is sniffed by its signature: a few random bytes behind it make every file unique. */
const pdfBytes = (): Buffer =>
  Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3000), Buffer.from('\n%%EOF\n')]);

describe('uploading evidence from the unit page in a browser without JavaScript', () => {
  let app: ListeningApp;
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    app = await startListeningApp();
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), 'mutu-nojs-'));
    page = await (await browser.createBrowserContext()).newPage();
    await page.setJavaScriptEnabled(false);
    await signIn(page, app.baseUrl, 'officer.bkd');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sends the form with the token in its address and lands on the new evidence item', async () => {
    const before = await app.db.getRepository(Evidence).count();
    const unitId = (await login(app.server, 'officer.bkd')).user.unitIds[0];
    await page.goto(`${app.baseUrl}/units/${unitId}`, { waitUntil: 'load' });
    const posts: { url: string; headers: Record<string, string> }[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push({ url: r.url(), headers: r.headers() });
    });
    const file = join(dir, 'sk-tim-mutu.pdf');
    writeFileSync(file, pdfBytes());
    await page.type('#ev-title', 'SK Tim Mutu tanpa JavaScript');
    const firstLeaf = await page.$eval('#ev-clauses option', (o) => o.value);
    await page.select('#ev-clauses', firstLeaf);
    const input = (await page.$('#ev-file')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    await submitAndWait(page, '#upload button[type=submit]');
    await screenshot(page, 'officer-upload-without-javascript');
    // The browser's own form submission, not the script's: no header, the token in the address.
    expect(posts).toHaveLength(1);
    expect(posts[0].url).toMatch(new RegExp(`/units/${unitId}/evidence\\?_csrf=[A-Za-z0-9_-]+$`));
    expect(posts[0].headers['x-csrf-token']).toBeUndefined();
    expect(posts[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(new URL(page.url()).pathname).toMatch(/^\/evidence\/[0-9a-f-]{36}$/);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('SK Tim Mutu tanpa JavaScript');
    expect(await page.content()).toContain('Bukti berhasil diunggah.');
    expect(await app.db.getRepository(Evidence).count()).toBe(before + 1);
  });
});
