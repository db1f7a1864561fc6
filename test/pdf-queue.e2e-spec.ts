import request from 'supertest';
import { gapReportFixture } from '../src/reports/gap-report.fixture.js';
import { gapReportDocument } from '../src/reports/gap-report.js';
import { PdfRendererProvider } from '../src/rendering/pdf-renderer.provider.js';
import { reportTemplates } from '../src/reports/report-templates.js';
import { bearer, login, type Session } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

describeDb('PDF line bounded: 503 with Retry-After when a burst finds it full', () => {
  let t: TestApp;
  let assessor: Session;
  let assessmentId: string;

  beforeAll(async () => {
    // One render at once and nobody waiting behind it: the second PDF is refused at once.
    t = await startTestApp({
      MUTU_PDF_CONCURRENCY: '1',
      MUTU_PDF_QUEUE_MAX: '0',
      MUTU_PDF_TIMEOUT_MS: '600000',
    });
    assessor = await login(t.server, 'assessor');
    const [org] = (await request(t.server).get('/api/organisations').set(bearer(assessor))).body;
    const units = (
      await request(t.server).get(`/api/organisations/${org.id}/units`).set(bearer(assessor))
    ).body as { id: string; code: string }[];
    const unit = units.find((u) => u.code === 'DUKCAPIL')!.id;
    assessmentId = (
      await request(t.server).get(`/api/units/${unit}/assessments`).set(bearer(assessor))
    ).body[0].id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 503 render_queue_full with Retry-After, translated, while the only place is taken', async () => {
    const provider = t.app.get(PdfRendererProvider);
    // A long report (about 20 pages) takes the only place synchronously, before any request is sent;
    // it renders for seconds, the two refusals below take milliseconds.
    const document = gapReportDocument(
      reportTemplates(),
      gapReportFixture({ evidenceItems: 800 }),
      { reportNumber: null, generatedAt: new Date(), issuedBy: null },
      'id',
    );
    const heavy = provider.render(document.html).catch((error: unknown) => error);
    expect(provider.stats()).toMatchObject({ inFlight: 1, queued: 0, maxQueued: 0 });

    const id = await request(t.server)
      .get(`/api/assessments/${assessmentId}/report.pdf`)
      .set(bearer(assessor))
      .expect(503);
    expect(Number(id.headers['retry-after'])).toBeGreaterThanOrEqual(5);
    expect(id.body).toMatchObject({
      statusCode: 503,
      code: 'render_queue_full',
      message: `Terlalu banyak PDF sedang dibuat saat ini. Coba lagi dalam ${id.headers['retry-after']} detik; tidak ada yang berubah.`,
    });
    const en = await request(t.server)
      .get(`/api/assessments/${assessmentId}/report.pdf?lang=en`)
      .set(bearer(assessor))
      .expect(503);
    expect(en.body.message).toMatch(
      /^Too many PDFs are being made right now\. Try again in \d+ seconds/,
    );
    expect(provider.stats()).toMatchObject({ queueRefused: 2 });

    await heavy;
    const ok = await request(t.server)
      .get(`/api/assessments/${assessmentId}/report.pdf`)
      .set(bearer(assessor))
      .expect(200);
    expect(ok.headers['content-type']).toBe('application/pdf');
  });
});
