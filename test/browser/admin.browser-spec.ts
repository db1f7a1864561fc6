import type { Browser, Page } from 'puppeteer-core';
import { launchBrowser, screenshot, signedInPage, submitAndWait } from '../support/browser.js';
import { startListeningApp, type ListeningApp } from '../support/listening-app.js';

/**
 * An administrator sets up a new unit in the browser: the unit, its quality officer with a scope,
 * an assessment cycle with its assessor; the new officer then signs in and finds their unit.
 */
describe('administration in a real browser', () => {
  let app: ListeningApp;
  let browser: Browser;
  let admin: Page;
  let dinkesUrl: string;

  // Confirmation dialogs (withdraw, issue) are answered yes.
  const signIn = (username: string, password?: string): Promise<Page> =>
    signedInPage(browser, app.baseUrl, username, {
      viewport: { width: 1280, height: 900 },
      acceptDialogs: true,
      password,
    });
  const text = (page: Page, selector: string): Promise<string> =>
    page.$eval(selector, (e) => (e.textContent ?? '').trim());
  const value = (page: Page, selector: string): Promise<string> =>
    page.$eval(selector, (e) => (e as HTMLInputElement).value);
  const go = async (page: Page, path: string): Promise<number | undefined> =>
    (await page.goto(`${app.baseUrl}${path}`))?.status();
  const tickLabel = async (page: Page, form: string, label: string): Promise<void> => {
    const boxes = await page.$$(`${form} fieldset label`);
    for (const box of boxes) {
      if ((await box.evaluate((e) => e.textContent ?? '')).includes(label)) {
        await box.click();
        return;
      }
    }
    throw new Error(`no checkbox labelled ${label}`);
  };

  beforeAll(async () => {
    app = await startListeningApp();
    browser = await launchBrowser();
    admin = await signIn('admin');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the administrator’s menu leads to units, users, cycles and the audit trail', async () => {
    const links = await admin.$$eval('nav.menu a', (as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual([
      '/',
      '/units',
      '/assessments',
      '/admin/units',
      '/admin/users',
      '/audit',
    ]);
  });

  it('adds a unit; a malformed code is explained and what was typed stays', async () => {
    expect(await go(admin, '/admin/units')).toBe(200);
    await admin.type('#n-code', 'dinas kesehatan');
    await admin.type('#n-name', 'Dinas Kesehatan Kota Kupang');
    await admin.type('#n-short', 'Dinkes');
    await submitAndWait(admin, '#unit-form button');
    expect(await text(admin, '[data-testid=error-code]')).toBe('formatnya tidak sesuai');
    expect(await value(admin, '#n-name')).toBe('Dinas Kesehatan Kota Kupang');
    expect(await value(admin, '#n-code')).toBe('dinas kesehatan');

    await admin.$eval('#n-code', (e) => ((e as HTMLInputElement).value = 'DINKES'));
    await submitAndWait(admin, '#unit-form button');
    dinkesUrl = admin.url().split('?')[0]!;
    expect(dinkesUrl).toMatch(/\/admin\/units\/[0-9a-f-]{36}$/);
    expect(await text(admin, '.flash')).toBe('Unit kerja ditambahkan.');
    expect(await text(admin, 'h1')).toContain('Dinas Kesehatan Kota Kupang');
    await go(admin, '/admin/units');
    expect(await admin.$$eval('#units-table tbody tr', (r) => r.length)).toBe(5);
    await screenshot(admin, 'admin-units');
  });

  it('creates the unit’s quality officer; a taken user name keeps the form filled in', async () => {
    await go(admin, '/admin/users');
    await admin.type('#u-username', 'assessor');
    await admin.type('#u-name', 'Maria Lada, S.KM.');
    await admin.select('#u-role', 'quality_officer');
    await tickLabel(admin, '#user-form', 'DINKES');
    await admin.type('#u-password', 'kupang-sehat-2026');
    await submitAndWait(admin, '#user-form button');
    expect(await text(admin, '[data-testid=form-error]')).toBe(
      'Nama pengguna assessor sudah dipakai.',
    );
    expect(await value(admin, '#u-name')).toBe('Maria Lada, S.KM.');
    expect(await value(admin, '#u-role')).toBe('quality_officer');
    const ticked = await admin.$$eval('#user-form input[name=unitIds]:checked', (es) =>
      es.map((e) => e.parentElement?.textContent?.trim()),
    );
    expect(ticked).toEqual(['DINKES · Dinas Kesehatan Kota Kupang']);
    // The password is never sent back to the browser.
    expect(await value(admin, '#u-password')).toBe('');
    await screenshot(admin, 'admin-users');

    await admin.$eval('#u-username', (e) => ((e as HTMLInputElement).value = 'officer.dinkes'));
    await admin.type('#u-password', 'kupang-sehat-2026');
    await submitAndWait(admin, '#user-form button');
    expect(admin.url()).toMatch(/\/admin\/users\/[0-9a-f-]{36}\?flash=user_created$/);
    expect(await text(admin, 'h1')).toContain('Maria Lada, S.KM.');
  });

  it('starts an assessment cycle for the unit with its assessor', async () => {
    await go(admin, '/assessments');
    const dinkes = dinkesUrl.split('/').pop()!;
    await admin.select('#c-unit', dinkes);
    await admin.type('#c-title', 'Gap assessment ISO 9001:2015 — Dinkes');
    await admin.$eval('#c-start', (e) => ((e as HTMLInputElement).value = '2026-11-30'));
    await admin.$eval('#c-end', (e) => ((e as HTMLInputElement).value = '2026-11-27'));
    await tickLabel(admin, '#cycle-form', '(assessor)');
    await submitAndWait(admin, '#cycle-form button');
    expect(await admin.$('[data-testid=error-endsOn]')).not.toBeNull();
    expect(await value(admin, '#c-title')).toBe('Gap assessment ISO 9001:2015 — Dinkes');

    await admin.$eval('#c-end', (e) => ((e as HTMLInputElement).value = '2026-12-04'));
    await submitAndWait(admin, '#cycle-form button');
    const cycleUrl = admin.url().split('?')[0];
    expect(await text(admin, 'h1')).toBe('Gap assessment ISO 9001:2015 — Dinkes');
    expect(await text(admin, '.flash')).toBe('Siklus penilaian dibuat (draf).');

    expect(await go(admin, `${new URL(cycleUrl).pathname}/settings`)).toBe(200);
    expect(await text(admin, '[data-testid=cycle-state]')).toBe('Draf');
    await screenshot(admin, 'admin-cycle-settings');
    await submitAndWait(admin, 'form input[name=state] + button');
    expect(await text(admin, '[data-testid=cycle-state]')).toBe('Berjalan');
    // The assessor now has the cycle in their list.
    const assessor = await signIn('assessor');
    await go(assessor, '/assessments');
    expect(await text(assessor, '#cycles-table')).toContain(
      'Gap assessment ISO 9001:2015 — Dinkes',
    );
  });

  it('the new officer signs in with the initial password and lands on their unit only', async () => {
    const officer = await signIn('officer.dinkes', 'kupang-sehat-2026');
    expect(new URL(officer.url()).pathname).toBe(`/units/${dinkesUrl.split('/').pop()}`);
    expect(await text(officer, 'h1')).toBe('Dinas Kesehatan Kota Kupang');
    expect(await officer.$$eval('#checklist tr[data-clause]', (r) => r.length)).toBe(65);
    expect(await go(officer, '/admin/users')).toBe(403);
    expect(await text(officer, 'h1')).toBe('Akses ditolak');
  });

  it('the officer replaces the initial password on their profile page', async () => {
    const officer = await signIn('officer.dinkes', 'kupang-sehat-2026');
    await officer.click('a.who');
    await officer.waitForSelector('#profile-form');
    await officer.type('#p-current', 'kupang-sehat-2026');
    await officer.type('#p-new', 'sasando-dan-tenun-ikat');
    await officer.type('#p-again', 'sasando-dan-tenun-ikad');
    await submitAndWait(officer, '#profile-form button');
    expect(await text(officer, '[data-testid=error-newPasswordAgain]')).toBe(
      'tidak sama dengan kata sandi baru',
    );
    expect(await value(officer, '#p-new')).toBe('');
    await officer.type('#p-current', 'kupang-sehat-2026');
    await officer.type('#p-new', 'sasando-dan-tenun-ikat');
    await officer.type('#p-again', 'sasando-dan-tenun-ikat');
    await submitAndWait(officer, '#profile-form button');
    expect(new URL(officer.url()).pathname).toBe('/login');
    expect(await text(officer, '.flash')).toBe(
      'Kata sandi diganti. Silakan masuk dengan kata sandi baru.',
    );
    const again = await signIn('officer.dinkes', 'sasando-dan-tenun-ikat');
    expect(new URL(again.url()).pathname).toMatch(/^\/units\//);
  });

  it('the audit trail shows who did it, in Indonesian', async () => {
    await go(admin, '/audit?entity=user');
    expect(await text(admin, '#audit-table')).toContain('Pengguna dibuat');
    await go(admin, '/audit');
    const actions = await admin.$$eval('#audit-table tr[data-action]', (rows) =>
      rows.map((r) => r.getAttribute('data-action')),
    );
    expect(actions).toEqual(
      expect.arrayContaining(['unit.create', 'user.create', 'assessment.create']),
    );
    await screenshot(admin, 'audit-trail');
  });

  it('withdrawing the unit takes it off the lists, after a confirmation', async () => {
    await go(admin, new URL(dinkesUrl).pathname);
    await submitAndWait(admin, 'form[action$="/status"] button');
    expect(await text(admin, '[data-testid=unit-status]')).toMatch(/^Nonaktif sejak /);
    await go(admin, '/units');
    expect(await admin.$('tr[data-unit="DINKES"]')).toBeNull();
    expect(await admin.$('tr[data-unit="DUKCAPIL"]')).not.toBeNull();
  });
});
