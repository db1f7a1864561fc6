import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import {
  launchBrowser,
  screenshot,
  settle,
  signedInPage,
  submitAndWait,
} from '../support/browser.js';
import { startListeningApp, type ListeningApp } from '../support/listening-app.js';

/** A small but real PDF, as a scanner would produce (the server sniffs the bytes). */
function pdfFile(name: string, text: string): string {
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]/Contents 4 0 R>>endobj\n4 0 obj<</Length ${text.length + 30}>>stream\nBT /F1 12 Tf 10 50 Td (${text}) Tj ET\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  const dir = mkdtempSync(join(tmpdir(), 'mutu-upload-'));
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
}

describe('the whole audit cycle in a real browser', () => {
  let app: ListeningApp;
  let browser: Browser;
  const pages = new Map<string, Page>();
  let dukcapil: string;
  let evidenceUrl: string;
  let findingUrl: string;
  let scoreBefore: string;

  const as = async (username: string): Promise<Page> => {
    let page = pages.get(username);
    if (page) return page;
    // Confirmations (issue, withdraw) are answered yes; so is a "leave this page?" prompt.
    page = await signedInPage(browser, app.baseUrl, username, {
      viewport: { width: 1280, height: 900 },
      acceptDialogs: true,
      watch: true,
    });
    pages.set(username, page);
    return page;
  };
  const text = (page: Page, selector: string): Promise<string> =>
    page.$eval(selector, (e) => (e.textContent ?? '').trim());
  const go = async (page: Page, path: string): Promise<void> => {
    await settle(page);
    const res = await page.goto(path.startsWith('http') ? path : `${app.baseUrl}${path}`);
    expect(res?.status()).toBe(200);
  };

  beforeAll(async () => {
    app = await startListeningApp();
    browser = await launchBrowser();
    const [row] = await app.db.query<{ id: string }[]>(
      `SELECT id FROM unit WHERE code = 'DUKCAPIL'`,
    );
    dukcapil = row.id;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('management sees the readiness of every unit on the dashboard', async () => {
    const m = await as('management');
    expect(new URL(m.url()).pathname).toMatch(/^\/organisations\//);
    expect(await m.$$eval('#units-table tbody tr', (rows) => rows.length)).toBe(4);
    scoreBefore = await text(m, '#units-table tr[data-unit="DUKCAPIL"] [data-testid=unit-score]');
    expect(scoreBefore).toMatch(/%$/);
    // The demo's history gives a reading from a month ago: the change is signed, in points.
    expect(
      await text(m, '#units-table tr[data-unit="DUKCAPIL"] [data-testid=unit-change]'),
    ).toMatch(/^(\+|−)\d+(,\d)? poin$/);
    expect(await m.$$('svg')).not.toHaveLength(0);
    // The trend ends at the mean of the units, the figure the card states beside the city's.
    const mean = /(\d+,\d)%/.exec(await text(m, '[data-testid=mean-of-units]'))?.[1];
    expect(mean).toBeDefined();
    const trend = await m.$$eval('.card.chart svg', (svgs) => svgs[svgs.length - 1]?.textContent);
    expect(trend).toContain(`${mean}%`);
    await screenshot(m, 'management-dashboard');
  });

  it('an officer uploads evidence; HTML typed into the title shows as text', async () => {
    const o = await as('officer.dukcapil');
    expect(new URL(o.url()).pathname).toBe(`/units/${dukcapil}`);
    await screenshot(o, 'officer-unit-checklist');
    // The filter (progressive JavaScript) narrows the checklist as the officer types.
    await o.type('input[data-filter=checklist]', 'kalibrasi');
    const shown = await o.$$eval('#checklist tbody tr', (rows) =>
      rows.filter((r) => !r.hidden).map((r) => r.getAttribute('data-clause')),
    );
    expect(shown).toEqual(['7.1.5.2']);
    await o.$eval('input[data-filter=checklist]', (e) => {
      e.value = '';
      e.dispatchEvent(new Event('input'));
    });
    await o.type(
      '#ev-title',
      'Sertifikat kalibrasi <b>timbangan</b> <script>window.hacked=1</script>',
    );
    await o.select('#ev-clauses', '7.1.5.2');
    const file = (await o.$('#ev-file')) as ElementHandle<HTMLInputElement>;
    await file.uploadFile(pdfFile('sertifikat-kalibrasi.pdf', 'Sertifikat kalibrasi 2026'));
    await submitAndWait(o, '#upload button[type=submit]');
    evidenceUrl = o.url().split('?')[0]!;
    expect(evidenceUrl).toMatch(/\/evidence\/[0-9a-f-]{36}$/);
    expect(await text(o, 'h1')).toBe(
      'Sertifikat kalibrasi <b>timbangan</b> <script>window.hacked=1</script>',
    );
    expect(
      await o.evaluate(() => (window as unknown as { hacked?: number }).hacked),
    ).toBeUndefined();
    expect(await text(o, '[data-testid=evidence-status]')).toBe('Menunggu tinjauan');
  });

  it('the assessor rejects it with a reason, and the officer sees the reason', async () => {
    const a = await as('assessor');
    await go(a, evidenceUrl);
    await screenshot(a, 'assessor-evidence-review');
    await a.click('input[name=decision][value=rejected]');
    await a.type('#reason', 'Sertifikat belum ditandatangani lembaga kalibrasi.');
    await submitAndWait(a, 'form[action$="/review"] button');
    expect(await text(a, '[data-testid=evidence-status]')).toBe('Ditolak');

    const o = await as('officer.dukcapil');
    await go(o, `/units/${dukcapil}`);
    expect(await text(o, 'tr[data-clause="7.1.5.2"]')).toContain(
      'Sertifikat belum ditandatangani lembaga kalibrasi.',
    );
    await go(o, evidenceUrl);
    expect(await text(o, '[data-testid=review-reason]')).toContain(
      'Sertifikat belum ditandatangani lembaga kalibrasi.',
    );
  });

  it('the officer uploads a new version, which goes back to review', async () => {
    const o = await as('officer.dukcapil');
    const file = (await o.$('#version-file')) as ElementHandle<HTMLInputElement>;
    await file.uploadFile(
      pdfFile('sertifikat-kalibrasi-ttd.pdf', 'Sertifikat kalibrasi 2026 bertanda tangan'),
    );
    await submitAndWait(o, 'form[action*="/versions"] button');
    expect(await text(o, '[data-testid=evidence-status]')).toBe('Menunggu tinjauan');
    expect(await o.$$eval('table tbody tr', (rows) => rows.length)).toBe(2);
  });

  it('the assessor accepts it, rates the clause and records a minor nonconformity', async () => {
    const a = await as('assessor');
    await go(a, evidenceUrl);
    await a.click('input[name=decision][value=accepted]');
    await submitAndWait(a, 'form[action$="/review"] button');
    expect(await text(a, '[data-testid=evidence-status]')).toBe('Diterima');

    const [assessment] = await app.db.query<{ id: string }[]>(
      `SELECT id FROM assessment WHERE unit_id = ?`,
      [dukcapil],
    );
    await go(a, `/assessments/${assessment.id}`);
    await screenshot(a, 'assessor-workspace');
    await a.select('#r-7\\.1\\.5\\.2', 'met');
    await submitAndWait(a, '#clause-7\\.1\\.5\\.2 form button');
    expect(await text(a, '#clause-7\\.1\\.5\\.2 td:nth-child(2)')).toBe('Terpenuhi');

    await a.select('#f-clause', '7.1.5.2');
    await a.select('#f-grade', 'minor');
    await a.type('#f-statement', 'Label kalibrasi pada timbangan loket 2 tidak terpasang.');
    await submitAndWait(a, '#finding-form button');
    findingUrl = a.url().split('?')[0]!;
    expect(await text(a, '[data-testid=finding-state]')).toBe('Terbuka');
  });

  it('the officer plans the corrective action; invalid input keeps what was typed', async () => {
    const o = await as('officer.dukcapil');
    await go(o, findingUrl);
    await o.type('#ca-correction', 'Label kalibrasi dipasang kembali.');
    await o.type('#ca-root', 'Tidak ada daftar periksa label alat ukur.');
    await o.type('#ca-action', 'Menambah pemeriksaan label pada SOP pemeliharaan alat.');
    await o.type('#ca-owner', 'Kepala Seksi Pelayanan');
    await o.$eval('#ca-due', (e) => ((e as HTMLInputElement).value = '2020-01-31'));
    await submitAndWait(o, '#ca-form button');
    expect(await o.$('[data-testid=form-error]')).not.toBeNull();
    expect(await o.$eval('#ca-root', (e) => (e as HTMLTextAreaElement).value)).toBe(
      'Tidak ada daftar periksa label alat ukur.',
    );
    await screenshot(o, 'officer-corrective-action-error');
    await o.$eval('#ca-due', (e) => ((e as HTMLInputElement).value = '2027-01-29'));
    await submitAndWait(o, '#ca-form button');
    expect(await text(o, '.flash')).toBe('Tindakan korektif disimpan.');
    await submitAndWait(o, 'button[data-to=planned]');
    expect(await text(o, '[data-testid=finding-state]')).toBe('Direncanakan');
    await submitAndWait(o, 'button[data-to=implemented]');
    expect(await text(o, '[data-testid=finding-state]')).toBe('Dilaksanakan');
  });

  it('the assessor verifies and closes it', async () => {
    const a = await as('assessor');
    await go(a, findingUrl);
    await submitAndWait(a, 'button[data-to=verified]');
    expect(await text(a, '[data-testid=finding-state]')).toBe('Diverifikasi');
    await submitAndWait(a, 'button[data-to=closed]');
    expect(await text(a, '[data-testid=finding-state]')).toBe('Ditutup');
  });

  it('management sees the unit’s readiness change on the dashboard', async () => {
    const m = await as('management');
    await m.reload();
    const after = await text(m, '#units-table tr[data-unit="DUKCAPIL"] [data-testid=unit-score]');
    expect(after).not.toBe(scoreBefore);
  });

  it('the assessor issues the gap report and its PDF downloads with the unit’s figures', async () => {
    const a = await as('assessor');
    const [assessment] = await app.db.query<{ id: string }[]>(
      `SELECT id FROM assessment WHERE unit_id = ?`,
      [dukcapil],
    );
    await go(a, `/assessments/${assessment.id}`);
    await submitAndWait(a, 'form[action$="/issue"] button');
    expect(await text(a, '.flash')).toBe('Laporan diterbitkan.');
    const link = await a.$eval('[data-testid=issued-reports] a', (e) => ({
      number: (e.textContent ?? '').trim(),
      href: e.href,
    }));
    expect(link.number).toMatch(/^MUTU\/KPG\/\d{4}\/0001$/);
    // Downloaded with the page's own session, as the link would.
    const file = await a.evaluate(async (href) => {
      const res = await fetch(href);
      const bytes = new Uint8Array(await res.arrayBuffer());
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      return { type: res.headers.get('content-type'), base64: btoa(binary) };
    }, link.href);
    expect(file.type).toBe('application/pdf');
    const parser = new PDFParse({ data: new Uint8Array(Buffer.from(file.base64, 'base64')) });
    const pdf = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    expect(pdf).toContain(link.number);
    expect(pdf).toContain('Dinas Kependudukan dan Pencatatan Sipil Kota Kupang');
    // The readiness figure of the page is the one printed in the report.
    const score = await text(a, '.score');
    expect(pdf).toContain(score);
  });

  it('an officer cannot reach another unit’s pages', async () => {
    const s = await as('officer.setda');
    const res = await s.goto(`${app.baseUrl}/units/${dukcapil}`);
    expect(res?.status()).toBe(404);
    const evidence = await s.goto(evidenceUrl);
    expect(evidence?.status()).toBe(404);
  });

  it('the officer withdraws the superseded item with a reason; it stays readable', async () => {
    const o = await as('officer.dukcapil');
    await go(o, evidenceUrl);
    await o.click('details summary');
    await o.type('#withdraw-reason', 'Diganti sertifikat kalibrasi 2027.');
    await submitAndWait(o, 'form[action$="/withdraw"] button');
    expect(await text(o, '.flash')).toBe('Bukti ditarik.');
    expect(await text(o, '[data-testid=withdrawal]')).toContain(
      'Diganti sertifikat kalibrasi 2027.',
    );
    expect(await o.$('#version-file')).toBeNull();
  });
});
