import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import request from 'supertest';
import { bearer, login } from '../support/auth.js';
import {
  launchBrowser,
  NARROW,
  screenshot,
  signedInPage,
  submitAndWait,
} from '../support/browser.js';
import { pdf } from '../support/files.js';
import { binaryBody, readPdf } from '../support/pdf-text.js';
import { startListeningApp, type ListeningApp } from '../support/listening-app.js';

describe('document control in Chromium: draft, submit, approve, effective, master list', () => {
  let app: ListeningApp;
  let browser: Browser;
  let unitId: string;
  let dir: string;

  const signIn = (username: string): Promise<Page> =>
    signedInPage(browser, app.baseUrl, username, { viewport: NARROW });
  const text = (page: Page, selector: string) =>
    page.$eval(selector, (e) => (e as HTMLElement).innerText.trim());
  const upload = async (page: Page, file: string, summary: string) => {
    await page.type('#rev-summary', summary);
    const input = (await page.$('#rev-file')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    await submitAndWait(page, 'form[enctype="multipart/form-data"] button[type=submit]');
  };

  beforeAll(async () => {
    app = await startListeningApp();
    browser = await launchBrowser();
    unitId = (
      await app.db.query<{ id: string }[]>(`SELECT id FROM unit WHERE code = 'DUKCAPIL'`)
    )[0].id;
    dir = mkdtempSync(join(tmpdir(), 'mutu-doc-'));
    writeFileSync(join(dir, 'sop-rev1.pdf'), pdf(4000));
    writeFileSync(join(dir, 'sop-rev2.pdf'), pdf(4000));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the officer drafts and submits, the head approves and makes it effective; the PDF shows it', async () => {
    const officer = await signIn('officer.dukcapil');
    await officer.goto(`${app.baseUrl}/units/${unitId}`);
    await submitAndWait(officer, `a[href="/units/${unitId}/documents"]`);
    await officer.type('#doc-title', 'SOP Perekaman Data Penduduk Rentan');
    await officer.select('#doc-type', 'procedure');
    await officer.type('#doc-clauses', '8.5.1');
    await officer.type('#doc-owner', 'Kepala Seksi Pendaftaran');
    await submitAndWait(officer, 'form[action$="/documents"] button[type=submit]');
    const docPath = new URL(officer.url()).pathname;
    expect(docPath).toMatch(/^\/documents\/[0-9a-f-]{36}$/);
    const number = await text(officer, '[data-testid="doc-number"]');
    expect(number).toMatch(/^SOP\/DUKCAPIL\/\d{3}$/);

    await upload(officer, join(dir, 'sop-rev1.pdf'), 'Terbitan pertama');
    expect(await text(officer, '[data-testid="revision-state-1"]')).toBe('Draf');
    await submitAndWait(officer, '[data-testid="revision-1"] [data-testid="to-in_review"]');
    expect(await text(officer, '[data-testid="revision-state-1"]')).toBe('Dalam tinjauan');
    // The officer has no approve button.
    expect(await officer.$('[data-testid="to-approved"]')).toBeNull();
    const overflow = await officer.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    const head = await signIn('head.dukcapil');
    await head.goto(`${app.baseUrl}${docPath}`);
    await head.type('#note-1', 'Sesuai Perpres 96/2018');
    await submitAndWait(head, '[data-testid="revision-1"] [data-testid="to-approved"]');
    expect(await text(head, '[data-testid="revision-state-1"]')).toBe('Disetujui');
    await submitAndWait(head, '[data-testid="revision-1"] [data-testid="to-effective"]');
    expect(await text(head, '[data-testid="doc-state"]')).toBe('Berlaku');

    // A second revision replaces it: the first is superseded and shown under the watermark.
    await officer.goto(`${app.baseUrl}${docPath}`);
    await upload(officer, join(dir, 'sop-rev2.pdf'), 'Penambahan layanan jemput bola');
    await submitAndWait(officer, '[data-testid="revision-2"] [data-testid="to-in_review"]');
    await head.goto(`${app.baseUrl}${docPath}`);
    await submitAndWait(head, '[data-testid="revision-2"] [data-testid="to-approved"]');
    await submitAndWait(head, '[data-testid="revision-2"] [data-testid="to-effective"]');
    expect(await text(head, '[data-testid="revision-state-1"]')).toBe('Digantikan');
    expect(await text(head, '[data-testid="revision-1"] .obsolete-watermark')).toBe(
      'TIDAK BERLAKU',
    );
    expect(await head.$('[data-testid="revision-2"] .obsolete-watermark')).toBeNull();
    await screenshot(head, 'narrow-document');

    // The master list PDF, as management prints it.
    const management = await login(app.server, 'management');
    const res = await request(app.server)
      .get(`/api/units/${unitId}/document-register.pdf`)
      .set(bearer(management))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const { flat } = await readPdf(res.body as Buffer);
    expect(flat).toContain(`${number} SOP Perekaman Data Penduduk Rentan`);
    expect(flat).toMatch(new RegExp(`Rev\\. 2 sejak .*Berlaku`));
    expect(flat).toContain(`${number} — SOP Perekaman Data Penduduk Rentan Revisi 1 · Digantikan`);
    expect(flat).toContain('TIDAK BERLAKU');
  });
});
