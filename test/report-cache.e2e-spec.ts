import { PDFParse } from 'pdf-parse';
import request from 'supertest';
import { PdfRendererProvider } from '../src/rendering/pdf-renderer.provider.js';
import { bearer, login, type Session } from './support/auth.js';
import { binaryBody } from './support/pdf-text.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

const textOf = async (pdf: Buffer): Promise<string> => {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
};

interface Served {
  status: number;
  etag: string;
  body: Buffer;
}

describeDb('draft reports served again while their data is unchanged (ETag, 304)', () => {
  let t: TestApp;
  let assessor: Session;
  let officer: Session;
  let admin: Session;
  let other: Session;
  let assessmentId: string;
  let unitId: string;
  let organisationId: string;
  let renders = 0;

  const fetchPdf = async (s: Session, path: string, etag?: string): Promise<Served> => {
    const req = request(t.server).get(path).set(bearer(s));
    if (etag) req.set('If-None-Match', etag);
    const res = await req.buffer(true).parse(binaryBody);
    return { status: res.status, etag: res.headers.etag, body: res.body as Buffer };
  };

  beforeAll(async () => {
    t = await startTestApp();
    const provider = t.app.get(PdfRendererProvider);
    const render = provider.render.bind(provider);
    provider.render = async (html, options) => {
      renders++;
      return render(html, options);
    };
    [assessor, officer, admin, other] = await Promise.all(
      ['assessor', 'officer.dukcapil', 'admin', 'officer.rsud'].map((u) => login(t.server, u)),
    );
    unitId = officer.user.unitIds[0];
    const [current] = (
      await request(t.server).get(`/api/units/${unitId}/assessments`).set(bearer(assessor))
    ).body as { id: string }[];
    assessmentId = current.id;
    organisationId = admin.user.organisationId!;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the same draft again: same bytes and strong ETag, not rendered again; 304 for the holder', async () => {
    const path = `/api/assessments/${assessmentId}/report.pdf`;
    const first = await fetchPdf(assessor, path);
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^"[0-9a-f]{64}"$/);
    const rendered = renders;
    const again = await fetchPdf(assessor, path);
    expect(again.status).toBe(200);
    expect(again.etag).toBe(first.etag);
    expect(again.body.equals(first.body)).toBe(true);
    expect(renders).toBe(rendered);
    const revalidated = await fetchPdf(assessor, path, first.etag);
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(renders).toBe(rendered);
    // The kept copy still says when it was rendered and as of when its data is.
    expect(await textOf(again.body)).toMatch(/WITA/);
  }, 300_000);

  it('another language is another report', async () => {
    const id = await fetchPdf(assessor, `/api/assessments/${assessmentId}/report.pdf`);
    const en = await fetchPdf(assessor, `/api/assessments/${assessmentId}/report.pdf?lang=en`);
    expect(en.status).toBe(200);
    expect(en.etag).not.toBe(id.etag);
  }, 300_000);

  it('one rating changed: the next PDF differs, and the old ETag no longer answers 304', async () => {
    const path = `/api/assessments/${assessmentId}/report.pdf`;
    const before = await fetchPdf(assessor, path);
    const detail = (
      await request(t.server).get(`/api/assessments/${assessmentId}`).set(bearer(assessor))
    ).body as { clauses: { number: string; rating: string; applicable: boolean }[] };
    const clause = detail.clauses.find((c) => c.number === '4.1')!;
    const rating = clause.rating === 'met' ? 'not_met' : 'met';
    await request(t.server)
      .put(`/api/assessments/${assessmentId}/clauses/4.1`)
      .set(bearer(assessor))
      .send({ applicable: true, rating })
      .expect(200);
    const rendered = renders;
    const after = await fetchPdf(assessor, path, before.etag);
    expect(after.status).toBe(200);
    expect(after.etag).not.toBe(before.etag);
    expect(after.body.equals(before.body)).toBe(false);
    expect(renders).toBe(rendered + 1);
  }, 300_000);

  it('evidence withdrawn: the gap report and the evidence register differ', async () => {
    const gapPath = `/api/assessments/${assessmentId}/report.pdf`;
    const registerPath = `/api/units/${unitId}/evidence-register.pdf`;
    const created = await request(t.server)
      .post(`/api/units/${unitId}/evidence`)
      .set(bearer(officer))
      .send({ title: 'Prosedur arsip sementara', clauses: ['7.5.3.1'], reference: 'SOP-77' })
      .expect(201);
    const gap = await fetchPdf(officer, gapPath);
    const register = await fetchPdf(officer, registerPath);
    expect(await textOf(register.body)).toContain('Prosedur arsip sementara');
    expect((await fetchPdf(officer, registerPath, register.etag)).status).toBe(304);
    await request(t.server)
      .post(`/api/evidence/${created.body.id}/withdraw`)
      .set(bearer(officer))
      .send({ reason: 'Salah unggah' })
      .expect(200);
    const gapAfter = await fetchPdf(officer, gapPath, gap.etag);
    expect(gapAfter.status).toBe(200);
    expect(gapAfter.etag).not.toBe(gap.etag);
    const registerAfter = await fetchPdf(officer, registerPath, register.etag);
    expect(registerAfter.status).toBe(200);
    expect(registerAfter.etag).not.toBe(register.etag);
    // The register keeps a withdrawn item, marked as withdrawn (DITARIK) on the day.
    const withdrawn = /Prosedur arsip sementara Referensi: SOP-77 DITARIK/;
    expect(await textOf(register.body)).not.toMatch(withdrawn);
    expect(await textOf(registerAfter.body)).toMatch(withdrawn);
  }, 300_000);

  it('the city summary is kept too, and changes with a rating of any of its units', async () => {
    const path = `/api/organisations/${organisationId}/summary.pdf`;
    const first = await fetchPdf(admin, path);
    expect(first.status).toBe(200);
    expect((await fetchPdf(admin, path, first.etag)).status).toBe(304);
    await request(t.server)
      .put(`/api/assessments/${assessmentId}/clauses/4.2`)
      .set(bearer(assessor))
      .send({ applicable: true, rating: 'partly_met' })
      .expect(200);
    const after = await fetchPdf(admin, path, first.etag);
    expect(after.status).toBe(200);
    expect(after.etag).not.toBe(first.etag);
  }, 300_000);

  it('a kept draft is never served outside the caller’s scope, ETag or not', async () => {
    const path = `/api/assessments/${assessmentId}/report.pdf`;
    const mine = await fetchPdf(assessor, path);
    expect(mine.status).toBe(200);
    const theirs = await fetchPdf(other, path, mine.etag);
    expect(theirs.status).toBe(404);
    expect(theirs.etag).not.toBe(mine.etag);
    expect(theirs.body.toString()).not.toContain('%PDF');
  }, 300_000);
});
