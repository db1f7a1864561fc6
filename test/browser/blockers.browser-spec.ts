import type { Browser, Page } from 'puppeteer-core';
import { BLOCKER_KINDS } from '../../src/readiness/blocker-kinds.js';
import type { BlockerCode } from '../../src/readiness/readiness.js';
import { launchBrowser, NARROW, screenshot, signedInPage } from '../support/browser.js';
import { startListeningApp, type ListeningApp } from '../support/listening-app.js';

interface ListedBlocker {
  code: BlockerCode;
  text: string;
  links: string[];
}

/** Issue #13 item 6: the unit page and the dashboard say each kind of blocker once. */
describe('blockers grouped by kind in Chromium', () => {
  let app: ListeningApp;
  let browser: Browser;

  const signIn = (username: string): Promise<Page> =>
    signedInPage(browser, app.baseUrl, username, { viewport: NARROW });
  const listed = (page: Page, scope: string): Promise<ListedBlocker[]> =>
    page.$$eval(`${scope} li[data-blocker]`, (items) =>
      items.map((li) => ({
        code: li.getAttribute('data-blocker') as BlockerCode,
        text: (li.firstChild?.textContent ?? '').trim(),
        links: [...li.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
      })),
    );
  const ranked = (codes: BlockerCode[]) =>
    [...codes].sort((a, b) => BLOCKER_KINDS[a].rank - BLOCKER_KINDS[b].rank);

  beforeAll(async () => {
    app = await startListeningApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the unit page lists missing documents once, with every clause a link to its checklist row', async () => {
    const [unit] = await app.db.query<{ id: string }[]>(
      `SELECT id FROM unit WHERE code = 'DUKCAPIL'`,
    );
    const page = await signIn('officer.dukcapil');
    await page.goto(`${app.baseUrl}/units/${unit.id}?lang=id`);
    const api = (await page.evaluate(
      (id) => fetch(`/api/units/${id}/readiness`).then((r) => r.json()),
      unit.id,
    )) as { blockers: { code: BlockerCode; params: { clause?: string } }[] };
    const missing = api.blockers
      .filter((b) => b.code === 'documented_information_missing')
      .map((b) => b.params.clause!);
    // The demo leaves several documents missing: the point of grouping them.
    expect(missing.length).toBeGreaterThan(1);

    const blockers = await listed(page, '[data-testid="blockers"]');
    const codes = blockers.map((b) => b.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(ranked([...new Set(api.blockers.map((b) => b.code))]));
    const documents = blockers.find((b) => b.code === 'documented_information_missing')!;
    expect(documents.text).toBe(
      `${missing.length} klausul wajib informasi terdokumentasi belum punya bukti yang diterima dan masih berlaku:`,
    );
    expect(documents.links).toEqual(missing.map((c) => `#clause-${c}`));

    // A link leads to the clause's row of the checklist.
    await page.click(
      `[data-blocker="documented_information_missing"] a[href="#clause-${missing[0]}"]`,
    );
    expect(new URL(page.url()).hash).toBe(`#clause-${missing[0]}`);
    const row = await page.$eval(`[id="clause-${missing[0]}"]`, (tr) => ({
      clause: tr.getAttribute('data-clause'),
      top: tr.getBoundingClientRect().top,
    }));
    expect(row.clause).toBe(missing[0]);
    // Scrolled into view: at the top, give or take a sub-pixel of layout rounding.
    expect(row.top).toBeGreaterThanOrEqual(-1);
    expect(row.top).toBeLessThan(NARROW.height);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);

    await page.goto(`${app.baseUrl}/units/${unit.id}?lang=en`);
    const english = await listed(page, '[data-testid="blockers"]');
    expect(english.find((b) => b.code === 'documented_information_missing')?.text).toBe(
      `${missing.length} clauses requiring documented information have no accepted, unexpired evidence:`,
    );
    await screenshot(page, 'narrow-unit-blockers');
  });

  it('the dashboard says each kind once per unit, most serious first, linking to the unit page', async () => {
    const [org] = await app.db.query<{ id: string }[]>(
      `SELECT id FROM organisation WHERE code = 'kota-kupang'`,
    );
    const page = await signIn('management');
    await page.goto(`${app.baseUrl}/organisations/${org.id}?lang=id`);
    const rows = await page.$$eval('#units-table tbody tr', (trs) =>
      trs.map((tr) => ({
        unit: tr.getAttribute('data-unit'),
        href: tr.querySelector('td a')?.getAttribute('href') ?? '',
        codes: [...tr.querySelectorAll('li[data-blocker]')].map(
          (li) => li.getAttribute('data-blocker') as BlockerCode,
        ),
        clauseLinks: [...tr.querySelectorAll('li[data-blocker] a')].map(
          (a) => a.getAttribute('href') ?? '',
        ),
      })),
    );
    expect(rows.length).toBe(4);
    for (const row of rows) {
      expect(new Set(row.codes).size).toBe(row.codes.length);
      expect(row.codes).toEqual(ranked(row.codes));
      for (const link of row.clauseLinks) expect(link).toMatch(new RegExp(`^${row.href}#clause-`));
    }
    expect(rows.some((r) => r.codes.includes('documented_information_missing'))).toBe(true);
  });
});
