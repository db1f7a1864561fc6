import type { Browser, Page } from 'puppeteer-core';
import {
  launchBrowser,
  NARROW,
  screenshot,
  signedInPage,
  submitAndWait,
} from '../support/browser.js';
import { startListeningApp, type ListeningApp } from '../support/listening-app.js';

describe('satisfaction survey page in Chromium', () => {
  let app: ListeningApp;
  let browser: Browser;
  let unitId: string;

  const signIn = (username: string): Promise<Page> =>
    signedInPage(browser, app.baseUrl, username, { viewport: NARROW });

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

  it('shows the IKM, the element bars with the lowest highlighted and the trend on a 375 px screen, in id and en', async () => {
    const page = await signIn('officer.dukcapil');
    const path = `/units/${unitId}/satisfaction`;
    await page.goto(`${app.baseUrl}/units/${unitId}`);
    await submitAndWait(page, `a[href="${path}"]`);
    expect(new URL(page.url()).pathname).toBe(path);
    for (const lang of ['id', 'en']) {
      await page.goto(`${app.baseUrl}/lang/${lang}?next=${encodeURIComponent(path)}`);
      const facts = await page.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        ikm: document.querySelector('[data-testid="survey-ikm"]')?.textContent ?? '',
        bars: document.querySelectorAll('[data-testid="survey-elements"] .nrr-bar').length,
        lowest: document.querySelectorAll('[data-testid="survey-elements"] .nrr-lowest').length,
        chartWidth:
          document.querySelector('[data-testid="survey-elements"] svg')?.getBoundingClientRect()
            .width ?? 0,
        text: document.body.innerText,
      }));
      expect(facts.overflow).toBeLessThanOrEqual(0);
      expect(facts.ikm).toMatch(lang === 'id' ? /^\d{2,3},\d{2}$/ : /^\d{2,3}\.\d{2}$/);
      expect(facts.bars).toBe(9);
      expect(facts.lowest).toBeGreaterThanOrEqual(1);
      expect(facts.chartWidth).toBeGreaterThan(200);
      expect(facts.chartWidth).toBeLessThanOrEqual(375);
      expect(facts.text).toContain(lang === 'id' ? '90 responden' : '90 respondents');
      expect(facts.text).not.toMatch(/\bsurvey\.[a-z_]+\b/);
      if (lang === 'id') await screenshot(page, 'narrow-satisfaction');
    }
  });
});
