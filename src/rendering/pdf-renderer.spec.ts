import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { countPdfPages, PdfRenderer } from './pdf-renderer.js';
import {
  BrowserUnavailableError,
  RendererClosedError,
  RenderQueueFullError,
  RenderTimeoutError,
} from './render-errors.js';
import { gapReportFixture } from '../reports/gap-report.fixture.js';
import { gapReportDocument } from '../reports/gap-report.js';
import { renderDocument, type ReportDocument } from '../reports/report-document.js';
import { ReportTemplates, reportTemplates } from '../reports/report-templates.js';

// Real Chromium: /usr/bin/chromium (apt-get install -y chromium) or CHROMIUM_PATH.
const executablePath = process.env.CHROMIUM_PATH || undefined;
// Each test may launch a browser; jest's default 5 s is too tight for that on a slow machine.
const SLOW = 30_000;

async function pdfText(
  pdf: Buffer,
): Promise<{ text: string; pages: number; title: unknown; author: unknown; outline: string[] }> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const { text, total } = await parser.getText();
    const info = await parser.getInfo();
    const outline = (info.outline ?? []).map((node) => node.title);
    return {
      text,
      pages: total,
      title: (info.info as { Title?: unknown } | undefined)?.Title,
      author: (info.info as { Author?: unknown } | undefined)?.Author,
      outline,
    };
  } finally {
    await parser.destroy();
  }
}

const renderers: PdfRenderer[] = [];
function renderer(options: ConstructorParameters<typeof PdfRenderer>[0] = {}): PdfRenderer {
  const created = new PdfRenderer({ executablePath, ...options });
  renderers.push(created);
  return created;
}

afterAll(async () => {
  await Promise.all(renderers.map((r) => r.close()));
}, SLOW);

const shared = renderer({ concurrency: 2 });

/** The real gap report template on the fixed test data (no database), as a draft. */
function gapReport(
  options: { text?: string; evidenceItems?: number; lang?: 'id' | 'en' } = {},
): ReportDocument {
  return gapReportDocument(
    reportTemplates(),
    gapReportFixture(options),
    { reportNumber: null, generatedAt: new Date('2026-11-23T06:30:00Z'), issuedBy: null },
    options.lang ?? 'id',
  );
}

describe('PdfRenderer: documents', () => {
  let dir: string;
  let templates: ReportTemplates;

  beforeAll(() => {
    // A two-page report on the real layout and partials.
    dir = mkdtempSync(join(tmpdir(), 'mutu-report-'));
    cpSync(join(reportTemplates().dir, 'partials'), join(dir, 'partials'), { recursive: true });
    cpSync(join(reportTemplates().dir, 'report.css'), join(dir, 'report.css'));
    writeFileSync(
      join(dir, 'two-pages.hbs'),
      `{{#> layout title=title author=author draft=false}}
      <section class="chapter"><h1>Ringkasan kesiapan</h1><p>{{unit}} siap {{percent score}}.</p></section>
      <section class="chapter new-page"><h1>Temuan</h1><h2>Ketidaksesuaian mayor</h2><p>Dokumen tidak terkendali.</p></section>
      {{/layout}}`,
    );
    templates = new ReportTemplates(dir);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'renders the layout to an A4 PDF with page numbers, WITA times, an outline and a title',
    async () => {
      const chrome = {
        subject: 'Dinas Kependudukan dan Pencatatan Sipil',
        reportNumber: 'KPG/DUKCAPIL/2026/014',
        generatedAt: new Date('2026-11-23T06:30:00Z'),
        dataAsOf: null,
      };
      const html = templates.render(
        'two-pages',
        { title: 'Laporan uji', author: 'Tim uji', unit: 'Dukcapil', score: 0.838 },
        'id',
      );
      const result = await shared.render(html, {
        headerHtml: templates.pageHeader(chrome, 'id'),
        footerHtml: templates.pageFooter(chrome, 'id'),
      });

      expect(result.pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(result.pages).toBe(2);
      expect(result.refusedRequests).toEqual([]);
      const { text, pages, title, outline } = await pdfText(result.pdf);
      expect(pages).toBe(2);
      expect(text).toContain('Dukcapil siap 83,8%.');
      expect(text).toContain('Halaman 1 dari 2');
      expect(text).toContain('Halaman 2 dari 2');
      expect(text).toContain('Dibuat 23 November 2026 14.30 WITA');
      expect(text).toContain('KPG/DUKCAPIL/2026/014');
      expect(text).toContain('Dinas Kependudukan dan Pencatatan Sipil');
      expect(title).toBe('Laporan uji');
      expect(outline).toEqual(expect.arrayContaining(['Ringkasan kesiapan', 'Temuan']));
    },
    SLOW,
  );

  it(
    'renders the gap report, with user text printed literally and title and author in the PDF',
    async () => {
      const doc = gapReport({ text: '<script>alert(1)</script> Dukcapil', lang: 'en' });
      const result = await renderDocument(shared, doc);
      const { text, pages, title, author, outline } = await pdfText(result.pdf);
      expect(pages).toBe(result.pages);
      expect(result.pages).toBeGreaterThanOrEqual(5);
      expect(text).toContain('<script>alert(1)</script> Dukcapil');
      expect(text).toContain(`Page ${result.pages} of ${result.pages}`);
      expect(text).toContain('Gap Assessment Report');
      expect(title).toBe(doc.title);
      expect(author).toBe('Ir. Rina Kusumawardani, M.T.');
      expect(outline).toEqual(
        expect.arrayContaining(['2 Readiness summary', '4 Findings and corrective actions']),
      );
    },
    SLOW,
  );

  it(
    'sets the PDF title when the HTML has none',
    async () => {
      const result = await shared.render('<p>no title here</p>', {
        title: 'Register bukti <Dukcapil>',
      });
      expect((await pdfText(result.pdf)).title).toBe('Register bukti <Dukcapil>');
    },
    SLOW,
  );
});

describe('PdfRenderer: nothing leaves the page', () => {
  let server: Server;
  let origin: string;
  const hits: string[] = [];
  let secretDir: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.setHeader('content-type', req.url?.endsWith('.css') ? 'text/css' : 'text/html');
      res.end(
        req.url?.endsWith('.css') ? 'body::after{content:"SERVER-CSS"}' : '<p>SERVER-TEXT</p>',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    secretDir = mkdtempSync(join(tmpdir(), 'mutu-secret-'));
    writeFileSync(join(secretDir, 'secret.html'), '<p>SECRET-FILE-TEXT</p>');
  });

  afterAll(async () => {
    rmSync(secretDir, { recursive: true, force: true });
    await new Promise((resolve) => server.close(resolve));
  });

  it(
    'refuses every request (images, CSS, imports, fonts, frames) and lists them',
    async () => {
      const dataImage =
        'data:image/svg+xml;base64,' +
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>').toString(
          'base64',
        );
      const html = `<!doctype html><html><head>
      <style>
        @import url(${origin}/import.css);
        @font-face { font-family: Remote; src: url(${origin}/font.woff2); }
        body { background: url(${origin}/background.png); font-family: Remote, sans-serif; }
      </style>
      <link rel="stylesheet" href="${origin}/link.css">
      </head><body>
      <p>Isi laporan</p>
      <img src="${origin}/image.png">
      <img src="${dataImage}">
      <iframe src="${origin}/frame.html"></iframe>
      <iframe srcdoc="<img src='${origin}/srcdoc.png'>"></iframe>
      <iframe src="data:text/html,<img src='${origin}/data-frame.png'>"></iframe>
      <iframe src="file://${secretDir}/secret.html"></iframe>
      <object data="${origin}/object.html"></object>
      </body></html>`;

      const result = await shared.render(html);
      const { text } = await pdfText(result.pdf);

      expect(hits).toEqual([]);
      expect(text).toContain('Isi laporan');
      for (const marker of ['SERVER-TEXT', 'SERVER-CSS', 'SECRET-FILE-TEXT'])
        expect(text).not.toContain(marker);
      const refused = result.refusedRequests.map((url) => url.replace(origin, ''));
      expect(refused).toEqual(
        expect.arrayContaining([
          '/import.css',
          '/link.css',
          '/background.png',
          '/image.png',
          '/frame.html',
          '/srcdoc.png',
          '/data-frame.png',
          '/object.html',
        ]),
      );
      expect(result.refusedRequests.some((url) => url.startsWith('data:'))).toBe(false);
      // file: is stopped by Chromium before interception; if it ever got that far it would be refused.
      expect(
        result.refusedRequests.filter((url) => !url.startsWith(origin) && !url.startsWith('file:')),
      ).toEqual([]);
    },
    SLOW,
  );

  it(
    'gives every render a page of its own, opened while the one before rendered',
    async () => {
      const r = renderer({ concurrency: 1 });
      const first = await r.render(`<p>satu</p><img src="${origin}/first.png">`);
      const second = await r.render('<p>dua</p><script>document.write("EXECUTED")</script>');
      const third = await r.render(`<p>tiga</p><img src="${origin}/third.png">`);
      expect(first.refusedRequests).toEqual([`${origin}/first.png`]);
      expect(second.refusedRequests).toEqual([]);
      expect(third.refusedRequests).toEqual([`${origin}/third.png`]);
      const { text } = await pdfText(second.pdf);
      expect(text).toContain('dua');
      expect(text).not.toContain('EXECUTED');
      expect(text).not.toContain('satu');
      expect(hits).toEqual([]);
    },
    SLOW,
  );

  it(
    'does not run scripts',
    async () => {
      const result = await shared.render(
        '<p>sebelum</p><script>document.write("EXECUTED"); document.title = "EXECUTED"</script>' +
          `<img src="x" onerror="document.body.innerHTML='EXECUTED'"><p>sesudah</p>` +
          `<iframe srcdoc="<p>bingkai</p><script>document.write('EXECUTED')</script>"></iframe>`,
      );
      const { text, title } = await pdfText(result.pdf);
      expect(text).toContain('sebelum');
      expect(text).toContain('sesudah');
      expect(text).toContain('bingkai');
      expect(text).not.toContain('EXECUTED');
      expect(title).not.toBe('EXECUTED');
    },
    SLOW,
  );
});

describe('PdfRenderer: load and failure', () => {
  const small = (n: number) => `<h1>Laporan ${n}</h1><p>${'Isi laporan. '.repeat(200)}</p>`;

  it(
    'never runs more renders at once than its concurrency, and queues the rest',
    async () => {
      const observed = { inFlight: 0, queued: 0 };
      const sampler = setInterval(() => {
        const { inFlight, queued } = shared.stats();
        observed.inFlight = Math.max(observed.inFlight, inFlight);
        observed.queued = Math.max(observed.queued, queued);
      }, 2);
      try {
        const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => shared.render(small(n))));
        expect(results.map((r) => r.pages)).toEqual([1, 1, 1, 1, 1, 1]);
      } finally {
        clearInterval(sampler);
      }
      expect(observed.inFlight).toBe(2);
      expect(observed.queued).toBeGreaterThanOrEqual(3);
      expect(shared.stats()).toMatchObject({
        inFlight: 0,
        queued: 0,
        peakInFlight: 2,
        launches: 1,
      });
    },
    SLOW,
  );

  it(
    'bounds the line: a burst past maxQueued is refused at once with Retry-After, the rest render',
    async () => {
      const r = renderer({ concurrency: 1, maxQueued: 2, queueWaitMs: 120_000 });
      const outcomes = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((n) =>
          r.render(small(n)).then(
            (result) => result.pages,
            (error: unknown) => error,
          ),
        ),
      );
      // One renders, two wait their turn, the other three are turned away without waiting.
      expect(outcomes.slice(0, 3)).toEqual([1, 1, 1]);
      for (const refused of outcomes.slice(3)) {
        expect(refused).toBeInstanceOf(RenderQueueFullError);
        expect(refused).toMatchObject({
          status: 503,
          code: 'render_queue_full',
          headers: { 'Retry-After': expect.stringMatching(/^[1-9]\d*$/) },
        });
      }
      expect(r.stats()).toMatchObject({
        inFlight: 0,
        queued: 0,
        queueRefused: 3,
        maxQueued: 2,
        renders: 3,
      });
    },
    SLOW,
  );

  it(
    'refuses a render that waited past queueWaitMs for its turn, and takes the next one',
    async () => {
      // The first render holds the only place while the browser launches (far longer than 1 ms).
      const r = renderer({ concurrency: 1, queueWaitMs: 1 });
      const first = r.render(small(1));
      const waited = r.render(small(2));
      await expect(waited).rejects.toBeInstanceOf(RenderQueueFullError);
      expect(r.stats()).toMatchObject({ queued: 0, queueRefused: 1, queueWaitMs: 1 });
      expect((await first).pages).toBe(1);
      expect((await r.render(small(3))).pages).toBe(1);
    },
    SLOW,
  );

  it(
    'relaunches a browser that was killed, and removes its profile',
    async () => {
      const r = renderer({ concurrency: 1 });
      await r.render(small(1));
      const { browserPid, profileDir } = r.stats();
      expect(browserPid).toEqual(expect.any(Number));
      expect(existsSync(profileDir!)).toBe(true);

      process.kill(browserPid!, 'SIGKILL');
      const result = await r.render(small(2));
      expect(result.pages).toBe(1);
      expect(r.stats().launches).toBe(2);
      expect(r.stats().browserPid).not.toBe(browserPid);
      expect(existsSync(profileDir!)).toBe(false);
    },
    SLOW,
  );

  it(
    'finishes a render whose browser dies under it on a fresh browser',
    async () => {
      const r = renderer({ concurrency: 1 });
      await r.render(small(1));
      const doc = gapReport({ evidenceItems: 400 });
      const pending = r.render(doc.html);
      await new Promise((resolve) => setTimeout(resolve, 300));
      process.kill(r.stats().browserPid!, 'SIGKILL');
      const result = await pending;
      expect(result.pages).toBeGreaterThan(30);
      expect(r.stats().launches).toBe(2);
    },
    SLOW,
  );

  it(
    'recycles the browser every recycleAfter renders without failing any',
    async () => {
      const r = renderer({ concurrency: 2, recycleAfter: 3 });
      const results = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => r.render(small(n))));
      expect(results).toHaveLength(7);
      expect(r.stats()).toMatchObject({ launches: 3, renders: 7, inFlight: 0 });
    },
    SLOW,
  );

  it(
    'gives up on a render that takes too long, and carries on with the next one',
    async () => {
      // Generous enough for a small render on a loaded CI machine, far too short for the heavy one.
      const r = renderer({ concurrency: 1, timeoutMs: 5_000 });
      await r.render(small(1));
      const heavy = gapReport({ evidenceItems: 15_000 }).html;
      const started = performance.now();
      await expect(r.render(heavy)).rejects.toBeInstanceOf(RenderTimeoutError);
      expect(performance.now() - started).toBeLessThan(8_000);
      const next = await r.render(small(2));
      expect(next.pages).toBe(1);
      expect(r.stats().launches).toBe(1);
    },
    2 * SLOW,
  );

  it(
    'times out whatever the stage, even while the browser is still starting',
    async () => {
      const r = renderer({ timeoutMs: 1 });
      const error = await r.render(small(1)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RenderTimeoutError);
      expect(error).toMatchObject({ status: 503, code: 'render_timeout' });
    },
    SLOW,
  );

  it(
    'says how to install a browser when there is none',
    async () => {
      const r = renderer({ executablePath: '/nonexistent/chromium' });
      const error = await r.render(small(1)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BrowserUnavailableError);
      expect((error as Error).message).toMatch(/\/nonexistent\/chromium/);
      expect((error as Error).message).toMatch(/apt-get install -y chromium/);
      expect((error as Error).message).toMatch(/CHROMIUM_PATH/);
      expect(error).toMatchObject({ status: 503, code: 'browser_unavailable' });
    },
    SLOW,
  );

  it(
    'reports a browser that will not start, with the cause',
    async () => {
      const r = renderer({ executablePath: '/bin/false' });
      const error = await r.render(small(1)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BrowserUnavailableError);
      expect((error as Error).message).toMatch(/did not start/);
      expect((error as Error).cause).toBeInstanceOf(Error);
    },
    SLOW,
  );

  it(
    'closes once, removes its profile, and takes no more work',
    async () => {
      const r = renderer({});
      await r.render(small(1));
      const { profileDir } = r.stats();
      await Promise.all([r.close(), r.close()]);
      await r.close();
      expect(existsSync(profileDir!)).toBe(false);
      expect(r.stats().browserPid).toBeUndefined();
      await expect(r.render(small(2))).rejects.toBeInstanceOf(RendererClosedError);
    },
    SLOW,
  );
});

describe('countPdfPages', () => {
  it('counts page objects, not the page tree', () => {
    const fake = Buffer.from(
      '<< /Type /Pages /Count 2 >> << /Type /Page >> << /Type/Page /Parent 1 0 R >>',
      'latin1',
    );
    expect(countPdfPages(fake)).toBe(2);
  });
});
