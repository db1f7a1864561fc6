import { crc32, deflateSync } from 'node:zlib';
import type { Browser, HTTPResponse, Page } from 'puppeteer-core';
import request from 'supertest';
import { bearer, login, type Session } from '../support/auth.js';
import { launchBrowser, screenshot, signIn } from '../support/browser.js';
import { startListeningApp, type ListeningApp } from '../support/listening-app.js';

/** A real, decodable PNG: a 24 × 16 blue rectangle. */
function pngImage(width = 24, height = 16): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.alloc(width * 3, Buffer.from([31, 111, 178])),
  ]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A small but real one-page PDF with a cross-reference table. */
function pdfDocument(text: string): Buffer {
  const content = `BT /F1 18 Tf 20 50 Td (${text}) Tj ET`;
  const objects = [
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 100]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>',
    `<</Length ${content.length}>>\nstream\n${content}\nendstream`,
    '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

describe('previewing evidence files on the evidence page in a real browser', () => {
  let app: ListeningApp;
  let browser: Browser;
  let page: Page;
  let imageId: string;
  let pdfId: string;

  beforeAll(async () => {
    app = await startListeningApp();
    browser = await launchBrowser();
    const officer: Session = await login(app.server, 'officer.dukcapil');
    const upload = async (file: Buffer, filename: string, title: string): Promise<string> =>
      (
        await request(app.server)
          .post(`/api/units/${officer.user.unitIds[0]}/evidence`)
          .set(bearer(officer))
          .field('title', title)
          .field('clauses', '7.1.3')
          .attach('file', file, filename)
          .expect(201)
      ).body.id as string;
    imageId = await upload(pngImage(), 'loket-pelayanan.png', 'Foto loket pelayanan');
    pdfId = await upload(pdfDocument('Notulen rapat mutu'), 'notulen.pdf', 'Notulen rapat mutu');

    page = await (await browser.createBrowserContext()).newPage();
    await signIn(page, app.baseUrl, 'assessor');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows an image evidence file in the page', async () => {
    await page.goto(`${app.baseUrl}/evidence/${imageId}`, { waitUntil: 'load' });
    const img = await page.$eval('section.card img', (i) => ({
      src: i.getAttribute('src'),
      loaded: i.complete,
      width: i.naturalWidth,
      height: i.naturalHeight,
    }));
    expect(img).toEqual({
      src: `/api/evidence/${imageId}/versions/1/file?inline=1`,
      loaded: true,
      width: 24,
      height: 16,
    });
  });

  it('shows a PDF evidence file in a frame of the page, inline, in the PDF viewer', async () => {
    const url = `${app.baseUrl}/api/evidence/${pdfId}/versions/1/file?inline=1`;
    const file = page.waitForResponse((r: HTTPResponse) => r.url() === url);
    await page.goto(`${app.baseUrl}/evidence/${pdfId}`, { waitUntil: 'load' });
    const res = await file;
    expect(res.status()).toBe(200);
    expect(res.headers()).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="notulen.pdf"; filename*=UTF-8''notulen.pdf`,
      'x-frame-options': 'SAMEORIGIN',
    });
    expect(res.headers()['content-security-policy']).toMatch(/^default-src 'none'/);
    // Framed (not refused by X-Frame-Options or a policy) and handed to Chromium's PDF viewer.
    const frame = await page.waitForFrame((f) => f.url() === url, { timeout: 10_000 });
    expect(frame.parentFrame()).toBe(page.mainFrame());
    await page.waitForFrame((f) => f.url().startsWith('chrome-extension://'), { timeout: 10_000 });
    await screenshot(page, 'assessor-evidence-pdf-preview');
  });
});
