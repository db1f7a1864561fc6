import { jest } from '@jest/globals';
import request from 'supertest';
import { AuditEvent } from '../src/audit-log/audit-event.entity.js';
import { bearer, login, type Session } from './support/auth.js';
import { PdfRendererProvider } from '../src/rendering/pdf-renderer.provider.js';
import { RenderQueueFullError } from '../src/rendering/render-errors.js';
import { SurveyEvidenceBackfill } from '../src/reports/survey-evidence-backfill.js';
import { SurveyEvidenceService } from '../src/reports/survey-evidence.service.js';
import { evidencePdf } from './support/pdf-text.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

// 4 respondents, pooled NRR U1 = 3,5 and every other element 4 → IKM (3,5 + 32) × 25/9 = 98,61.
const SURVEY = [
  'No;Layanan;Jenis kelamin;Pengaduan;Sarana dan prasarana;Perilaku pelaksana;Kompetensi pelaksana;Produk pelayanan;Biaya/Tarif;Waktu penyelesaian;Prosedur;Persyaratan',
  '1;KTP-el;L;4;4;4;4;4;4;4;4;4',
  '2;KTP-el;P;4;4;4;4;4;4;4;4;3',
  '3;Akta kelahiran;P;4;4;4;4;4;4;4;4;3',
  '4;Akta kelahiran;L;4;4;4;4;4;4;4;4;4',
];
// Two LAPOR!-style complaints of 2025-S1, one resolved, one still open.
const COMPLAINTS = [
  'Nomor Tiket;Kanal;Kategori;Tanggal Laporan;Tanggal Disposisi;Tanggal Selesai;Status;Judul Laporan',
  'LPR-25-0001;SP4N-LAPOR!;Antrean;03/03/2025;04/03/2025;06/03/2025;Selesai;Antrean panjang di loket KTP',
  'LPR-25-0003;SP4N-LAPOR!;Pungutan;2025-06-02;;;Baru;Diminta biaya untuk KK',
];
const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`);

interface EvidenceItem {
  id: string;
  title: string;
  status: string;
  clauses: { number: string }[];
  versions?: { number: number }[];
}

describeDb('survey and complaint summary as evidence (9.1.2, 8.2.1)', () => {
  let t: TestApp;
  let officer: Session;
  let otherOfficer: Session;
  let assessor: Session;
  let dukcapil: string;

  const evidenceOf = async (clause: string): Promise<EvidenceItem[]> =>
    (
      await request(t.server)
        .get(`/api/units/${dukcapil}/evidence?clause=${clause}&pageSize=100`)
        .set(bearer(assessor))
        .expect(200)
    ).body.items as EvidenceItem[];
  const pdfOf = (id: string, version: number) =>
    evidencePdf(t.server, bearer(assessor), id, version);

  beforeAll(async () => {
    t = await startTestApp();
    [officer, otherOfficer, assessor] = await Promise.all(
      ['officer.dukcapil', 'officer.rsud', 'assessor'].map((u) => login(t.server, u)),
    );
    const admin = await login(t.server, 'admin');
    const [org] = (await request(t.server).get('/api/organisations').set(bearer(admin))).body;
    const units = (
      await request(t.server).get(`/api/organisations/${org.id}/units`).set(bearer(admin))
    ).body as { id: string; code: string }[];
    dukcapil = units.find((u) => u.code === 'DUKCAPIL')!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores each imported survey as submitted evidence for 9.1.2 whose PDF shows the IKM and the period; a replacement is its next version', async () => {
    const imported = await request(t.server)
      .post(`/api/units/${dukcapil}/satisfaction-surveys?period=2016-S1`)
      .set(bearer(officer))
      .set('Content-Type', 'text/csv')
      .send(csv(SURVEY))
      .expect(201);
    expect(imported.body.evidence).toEqual({
      evidenceId: expect.any(String),
      version: 1,
      missing: null,
    });
    const id = imported.body.evidence.evidenceId as string;
    const item = (await evidenceOf('9.1.2')).find((e) => e.id === id)!;
    expect(item).toMatchObject({ status: 'submitted' });
    expect(item.title).toContain('2016-S1');
    expect(item.clauses.map((c) => c.number)).toEqual(['9.1.2']);
    const pdf = await pdfOf(id, 1);
    expect(pdf.flat).toContain('98,61');
    expect(pdf.flat).toContain('2016-S1');
    expect(pdf.flat).toContain('Sangat Baik');
    expect(pdf.flat).toContain('Akta kelahiran');
    expect(pdf.flat).toMatch(/Persyaratan \(terendah\) 3,50/);
    expect(pdf.flat).toMatch(/Halaman 1 dari \d/);
    expect(pdf.flat).not.toContain('DRAF');
    const created = await t.db
      .getRepository(AuditEvent)
      .findOneByOrFail({ entityId: id, action: 'evidence.create' });
    expect(created).toMatchObject({ unitId: dukcapil, actorId: officer.user.id });

    // The assessor accepts it; a replaced survey brings a new report for review again.
    await request(t.server)
      .post(`/api/evidence/${id}/review`)
      .set(bearer(assessor))
      .send({ decision: 'accepted' })
      .expect(200);
    const changed = [...SURVEY.slice(0, 4), '4;Akta kelahiran;L;2;2;2;2;2;2;2;2;2'];
    const replaced = await request(t.server)
      .post(`/api/units/${dukcapil}/satisfaction-surveys?period=2016-S1&replace=1`)
      .set(bearer(officer))
      .set('Content-Type', 'text/csv')
      .send(csv(changed))
      .expect(201);
    expect(replaced.body.evidence).toEqual({ evidenceId: id, version: 2, missing: null });
    const again = (await evidenceOf('9.1.2')).find((e) => e.id === id)!;
    expect(again.status).toBe('submitted');
    const second = await pdfOf(id, 2);
    expect(second.flat).toContain(
      new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2 }).format(replaced.body.ikm),
    );
  });

  it('makes the evidence again on request, as the next version; another unit’s survey is 404', async () => {
    const imported = await request(t.server)
      .post(`/api/units/${dukcapil}/satisfaction-surveys?period=2017`)
      .set(bearer(officer))
      .set('Content-Type', 'text/csv')
      .send(csv([...SURVEY, '5;KTP-el;L;3;3;3;3;3;3;3;3;3']))
      .expect(201);
    const made = await request(t.server)
      .post(`/api/satisfaction-surveys/${imported.body.id}/evidence?lang=en`)
      .set(bearer(officer))
      .expect(201);
    expect(made.body).toEqual({
      evidenceId: imported.body.evidence.evidenceId,
      version: 2,
      missing: null,
    });
    const pdf = await pdfOf(made.body.evidenceId, 2);
    expect(pdf.flat).toContain('2017');
    expect(pdf.flat).toContain('SKM results, period 2017');
    await request(t.server)
      .post(`/api/satisfaction-surveys/${imported.body.id}/evidence`)
      .set(bearer(otherOfficer))
      .expect(404);
    await request(t.server)
      .post(`/api/satisfaction-surveys/${imported.body.id}/evidence`)
      .set(bearer(assessor))
      .expect(403);
  });

  it('imports even when the renderer is busy, says the evidence is missing, and makes it on request', async () => {
    const provider = t.app.get(PdfRendererProvider);
    const busy = jest
      .spyOn(provider, 'render')
      .mockRejectedValueOnce(new RenderQueueFullError(5))
      .mockRejectedValueOnce(new RenderQueueFullError(5));
    try {
      const imported = await request(t.server)
        .post(`/api/units/${dukcapil}/satisfaction-surveys?period=2018-S2`)
        .set(bearer(officer))
        .set('Content-Type', 'text/csv')
        .send(csv([...SURVEY, '5;KTP-el;P;1;2;3;4;4;3;2;1;4']))
        .expect(201);
      expect(imported.body).toMatchObject({
        period: '2018-S2',
        evidence: { evidenceId: null, version: null, missing: 'render_queue_full' },
      });
      const shown = await request(t.server)
        .get(`/api/satisfaction-surveys/${imported.body.id}`)
        .set(bearer(assessor))
        .expect(200);
      expect(shown.body.period).toBe('2018-S2');
      const refused = await request(t.server)
        .post(`/api/satisfaction-surveys/${imported.body.id}/evidence`)
        .set(bearer(officer))
        .expect(503);
      expect(refused.body.code).toBe('render_queue_full');
      expect(refused.headers['retry-after']).toBe('5');
      const made = await request(t.server)
        .post(`/api/satisfaction-surveys/${imported.body.id}/evidence`)
        .set(bearer(officer))
        .expect(201);
      expect(made.body).toEqual({ evidenceId: expect.any(String), version: 1, missing: null });
      const pdf = await pdfOf(made.body.evidenceId, 1);
      expect(pdf.flat).toContain('2018-S2');
    } finally {
      busy.mockRestore();
    }
  });

  it('the background backfill picks up an import that found the renderer busy, and makes its report once even when asked twice at once', async () => {
    const provider = t.app.get(PdfRendererProvider);
    const backfill = t.app.get(SurveyEvidenceBackfill);
    const evidence = t.app.get(SurveyEvidenceService);
    const busy = jest
      .spyOn(provider, 'render')
      .mockRejectedValueOnce(new RenderQueueFullError(5))
      .mockRejectedValueOnce(new RenderQueueFullError(5));
    let id: string;
    try {
      const imported = await request(t.server)
        .post(`/api/units/${dukcapil}/satisfaction-surveys?period=2019-S1`)
        .set(bearer(officer))
        .set('Content-Type', 'text/csv')
        .send(csv([...SURVEY, '5;KTP-el;L;2;2;3;4;4;3;2;1;4']))
        .expect(201);
      expect(imported.body.evidence.missing).toBe('render_queue_full');
      id = imported.body.id as string;
      expect(await backfill.candidates()).toContain(id);
      // Still busy: the survey stays a candidate, nothing is stored.
      await expect(evidence.backfillSurvey(id, 'id')).rejects.toMatchObject({
        status: 503,
        code: 'render_queue_full',
      });
      expect(await backfill.candidates()).toContain(id);
    } finally {
      busy.mockRestore();
    }
    // Two instances (or rounds) at once: both render, one stores, the other finds it there.
    const outcomes = await Promise.all([
      evidence.backfillSurvey(id, 'id'),
      evidence.backfillSurvey(id, 'id'),
    ]);
    expect(outcomes.filter((o) => o === 'present')).toHaveLength(1);
    const made = outcomes.find((o) => o !== 'present') as { evidenceId: string; version: number };
    expect(made.version).toBe(1);
    expect(await backfill.candidates()).not.toContain(id);
    expect(await evidence.backfillSurvey(id, 'id')).toBe('present');
    const item = (await evidenceOf('9.1.2')).find((e) => e.id === made.evidenceId)!;
    expect(item).toMatchObject({ status: 'submitted' });
    expect(item.title).toContain('2019-S1');
    const pdf = await pdfOf(made.evidenceId, 1);
    expect(pdf.flat).toContain('2019-S1');
    const created = await t.db
      .getRepository(AuditEvent)
      .findBy({ entityId: made.evidenceId, action: 'evidence.create' });
    expect(created).toHaveLength(1);
    expect(created[0].actorId).toBeNull();

    // A replacement import renders its own next version at once: nothing is left for the backfill.
    await request(t.server)
      .post(`/api/units/${dukcapil}/satisfaction-surveys?period=2019-S1&replace=1`)
      .set(bearer(officer))
      .set('Content-Type', 'text/csv')
      .send(csv([...SURVEY, '5;KTP-el;L;1;1;1;1;1;1;1;1;1']))
      .expect(201);
    expect(await backfill.candidates()).not.toContain(id);
  });

  it('stores the period’s complaint summary as evidence for 9.1.2 and 8.2.1', async () => {
    await request(t.server)
      .post(`/api/units/${dukcapil}/complaints/import?confirm=1`)
      .set(bearer(officer))
      .set('Content-Type', 'text/csv')
      .send(csv(COMPLAINTS))
      .expect(201);
    const made = await request(t.server)
      .post(`/api/units/${dukcapil}/complaints/evidence?period=2025-S1`)
      .set(bearer(officer))
      .expect(201);
    expect(made.body).toEqual({ evidenceId: expect.any(String), version: 1, missing: null });
    const item = (await evidenceOf('8.2.1')).find((e) => e.id === made.body.evidenceId)!;
    expect(item.status).toBe('submitted');
    expect(item.title).toContain('2025-S1');
    expect(item.clauses.map((c) => c.number).sort()).toEqual(['8.2.1', '9.1.2']);
    const pdf = await pdfOf(made.body.evidenceId, 1);
    expect(pdf.flat).toMatch(/Ringkasan pengaduan periode 2025-\s?S1/);
    expect(pdf.flat).toMatch(/Diterima 2 Belum selesai 1/);
    expect(pdf.flat).toMatch(/Halaman 1 dari 2/);
    expect(pdf.flat).not.toContain('DRAF');
    expect(pdf.flat).toContain('Antrean');
    expect(pdf.flat).toContain('Pungutan');
    const again = await request(t.server)
      .post(`/api/units/${dukcapil}/complaints/evidence?period=2025-S1`)
      .set(bearer(officer))
      .expect(201);
    expect(again.body).toEqual({ evidenceId: made.body.evidenceId, version: 2, missing: null });
    await request(t.server)
      .post(`/api/units/${dukcapil}/complaints/evidence?period=2025-S3`)
      .set(bearer(officer))
      .expect(400);
    await request(t.server)
      .post(`/api/units/${dukcapil}/complaints/evidence?period=2025-S1`)
      .set(bearer(otherOfficer))
      .expect(404);
  });

  it('makes one item when the same summary is asked for twice at once: versions 1 and 2', async () => {
    const answers = await Promise.all(
      [1, 2].map(() =>
        request(t.server)
          .post(`/api/units/${dukcapil}/complaints/evidence?period=2024-S2`)
          .set(bearer(officer)),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([201, 201]);
    expect(new Set(answers.map((r) => r.body.evidenceId as string)).size).toBe(1);
    expect(answers.map((r) => r.body.version as number).sort()).toEqual([1, 2]);
  });
});
