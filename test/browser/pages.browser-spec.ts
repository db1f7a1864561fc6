import type { Browser, Page } from 'puppeteer-core';
import { launchBrowser, NARROW, screenshot, signedInPage } from '../support/browser.js';
import { startListeningApp, type ListeningApp } from '../support/listening-app.js';

/** Leaked message keys (e.g. "admin.save") instead of text. */
const KEY_LEAK =
  /\b(?:page|nav|admin|audit|cycle|units?|evidence|finding|dashboard|assessments?|readiness|profile|flash|error|validation|report|review|programme)\.[a-z_]+\b/;

interface PageFacts {
  lang: string;
  overflow: number;
  unlabelled: string[];
  text: string;
}

/** What a check of a page needs, read in the page itself. */
function readPage(page: Page): Promise<PageFacts> {
  return page.evaluate(() => {
    const visible = (e: Element): boolean => {
      const r = (e as HTMLElement).getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    const unlabelled = [...document.querySelectorAll('input, select, textarea')]
      .filter((e) => (e as HTMLInputElement).type !== 'hidden' && visible(e))
      .filter((e) => {
        const el = e as HTMLInputElement;
        return !(
          el.labels?.length ||
          el.getAttribute('aria-label') ||
          el.getAttribute('aria-labelledby')
        );
      })
      .map((e) => e.outerHTML.slice(0, 80));
    return {
      lang: document.documentElement.lang,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      unlabelled,
      text: document.body.innerText,
    };
  });
}

describe('every main page: narrow screens, labels, both languages', () => {
  let app: ListeningApp;
  let browser: Browser;
  const ids: Record<string, string> = {};

  const signIn = (username: string): Promise<Page> =>
    signedInPage(browser, app.baseUrl, username, { viewport: NARROW });

  beforeAll(async () => {
    app = await startListeningApp();
    browser = await launchBrowser();
    const one = async (sql: string): Promise<string> =>
      (await app.db.query<{ id: string }[]>(sql))[0].id;
    ids.unit = await one(`SELECT id FROM unit WHERE code = 'DUKCAPIL'`);
    ids.org = await one(`SELECT id FROM organisation`);
    ids.assessment = await one(`SELECT id FROM assessment WHERE unit_id = '${ids.unit}'`);
    ids.evidence = await one(
      `SELECT e.id FROM evidence e JOIN evidence_version v ON v.evidence_id = e.id WHERE e.unit_id = '${ids.unit}'`,
    );
    ids.finding = await one(
      `SELECT f.id FROM finding f WHERE f.assessment_id = '${ids.assessment}'`,
    );
    ids.user = await one(`SELECT id FROM user_account WHERE username = 'officer.dukcapil'`);
    ids.review = await one(`SELECT id FROM management_review WHERE unit_id = '${ids.unit}'`);
    ids.programme = await one(`SELECT id FROM audit_programme`);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const PAGES: Record<string, string[]> = {
    'officer.dukcapil': [
      '/units/:unit',
      '/evidence/:evidence',
      '/findings/:finding',
      '/profile',
      '/units/:unit/management-reviews',
      '/management-reviews/:review',
      '/audit-programmes/:programme',
    ],
    assessor: ['/assessments', '/assessments/:assessment', '/assessments/:assessment/settings'],
    management: ['/organisations/:org', '/units', '/audit'],
    admin: [
      '/admin/users',
      '/admin/users/:user',
      '/admin/units',
      '/admin/units/:unit',
      '/organisations/:org/audit-programmes',
      '/audit-programmes/:programme',
    ],
  };

  it.each(Object.keys(PAGES))(
    '%s: pages fit a 375 px screen, every field is labelled, no text is missing in id or en',
    async (username) => {
      const page = await signIn(username);
      const problems: string[] = [];
      for (const lang of ['id', 'en']) {
        for (const template of PAGES[username]) {
          const path = template.replace(/:(\w+)/g, (_m, k: string) => ids[k]);
          // The language switch is a link on every page; the choice is kept in a cookie.
          await page.goto(`${app.baseUrl}/lang/${lang}?next=${encodeURIComponent(path)}`);
          expect(new URL(page.url()).pathname).toBe(path);
          const facts = await readPage(page);
          if (facts.lang !== lang) problems.push(`${path} (${lang}): html lang=${facts.lang}`);
          if (facts.overflow > 0)
            problems.push(`${path} (${lang}): ${facts.overflow}px wider than the screen`);
          if (facts.unlabelled.length)
            problems.push(`${path} (${lang}): unlabelled ${facts.unlabelled.join(' | ')}`);
          const leak = KEY_LEAK.exec(facts.text);
          if (leak) problems.push(`${path} (${lang}): untranslated "${leak[0]}"`);
          if (lang === 'id' && template === PAGES[username][0])
            await screenshot(page, `narrow-${username.replace('.', '-')}`);
        }
      }
      expect(problems).toEqual([]);
    },
  );
});
