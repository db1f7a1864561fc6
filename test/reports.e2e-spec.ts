import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AuditEvent } from '../src/audit-log/audit-event.entity.js';
import { todayInZone } from '../src/common/dates.js';
import { formatPercent } from '../src/common/numbers.js';
import { PdfRendererProvider } from '../src/rendering/pdf-renderer.provider.js';
import type { RenderResult } from '../src/rendering/pdf-renderer.js';
import { ReportBatch } from '../src/reports/report-batch.js';
import { bearer, login, type Session } from './support/auth.js';
import { binaryBody, readPdf, type PdfFacts } from './support/pdf-text.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase, describeDb, type TestDatabase } from './support/test-db.js';

/** Without any white space: long unbreakable strings wrap anywhere in a table cell. */
const dense = (text: string): string => text.replace(/\s+/g, '');
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

interface Unit {
  id: string;
  code: string;
  name: string;
}

describeDb('reports: gap report, issued reports, summary, evidence register', () => {
  let database: TestDatabase;
  let t: TestApp;
  let admin: Session;
  let assessor: Session;
  let management: Session;
  let officerSetda: Session;
  let organisationId: string;
  const units: Record<string, Unit> = {};
  const assessments: Record<string, string> = {};
  const year = todayInZone(new Date()).slice(0, 4);
  // What the renderer did for each render of this app, to show nothing was even attempted.
  const renders: RenderResult[] = [];

  const get = (s: Session, path: string) => request(t.server).get(path).set(bearer(s));
  const pdfOf = async (s: Session, path: string): Promise<{ bytes: Buffer; pdf: PdfFacts }> => {
    const res = await get(s, path).buffer(true).parse(binaryBody).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const bytes = res.body as Buffer;
    return { bytes, pdf: await readPdf(bytes) };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startTestApp({}, database);
    const provider = t.app.get(PdfRendererProvider);
    const render = provider.render.bind(provider);
    provider.render = async (html, options) => {
      const result = await render(html, options);
      renders.push(result);
      return result;
    };
    [admin, assessor, management, officerSetda] = await Promise.all(
      ['admin', 'assessor', 'management', 'officer.setda'].map((u) => login(t.server, u)),
    );
    [{ id: organisationId }] = (await get(admin, '/api/organisations').expect(200)).body as {
      id: string;
    }[];
    for (const u of (await get(admin, `/api/organisations/${organisationId}/units`).expect(200))
      .body as Unit[]) {
      units[u.code] = u;
      const [current] = (await get(admin, `/api/units/${u.id}/assessments`).expect(200)).body as {
        id: string;
      }[];
      assessments[u.code] = current.id;
    }
  });

  let firstClosed = false;
  afterAll(async () => {
    if (!firstClosed) await t?.close();
    await database?.drop();
  });

  describe('the draft gap report', () => {
    it('says exactly what the API says: unit, every clause, every finding, the readiness figure, page numbers', async () => {
      const id = assessments.DUKCAPIL;
      const detail = (await get(assessor, `/api/assessments/${id}`).expect(200)).body as {
        clauses: { number: string }[];
        unit: { name: string };
        title: string;
      };
      const findings = (await get(assessor, `/api/assessments/${id}/findings`).expect(200))
        .body as { statement: string; reference: string }[];
      const readiness = (
        await get(assessor, `/api/units/${units.DUKCAPIL.id}/readiness`).expect(200)
      ).body as {
        score: number;
        assessmentId: string;
        blockers: { code: string; params: { clause?: string } }[];
      };
      expect(readiness.assessmentId).toBe(id);

      const { pdf } = await pdfOf(assessor, `/api/assessments/${id}/report.pdf`);
      expect(pdf.flat).toContain(detail.unit.name);
      expect(pdf.flat).toContain('Laporan Penilaian Kesenjangan');
      expect(detail.clauses.length).toBeGreaterThan(60);
      const missingClauses = detail.clauses.filter(
        (c) => !new RegExp(`(^|\\s)${c.number.replaceAll('.', '\\.')}(\\s|$)`, 'm').test(pdf.text),
      );
      expect(missingClauses).toEqual([]);
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) {
        expect(dense(pdf.text)).toContain(dense(f.statement));
        expect(pdf.flat).toContain(f.reference);
      }
      // Formatted the way the unit page shows it (percent helper, Indonesian).
      expect(pdf.flat).toContain(`Kesiapan Dukcapil: ${formatPercent(readiness.score, 'id')}`);
      // Blockers grouped by kind: the missing documents said once, with their clauses.
      const missing = readiness.blockers
        .filter((b) => b.code === 'documented_information_missing')
        .map((b) => b.params.clause);
      expect(missing.length).toBeGreaterThan(1);
      expect(dense(pdf.text)).toContain(
        dense(
          `${missing.length} klausul wajib informasi terdokumentasi belum punya bukti yang diterima dan masih berlaku: ${missing.join(', ')}`,
        ),
      );
      expect(pdf.flat).not.toContain('belum ada bukti terdokumentasi yang diterima');
      for (let page = 1; page <= pdf.pages; page++)
        expect(pdf.flat).toContain(`Halaman ${page} dari ${pdf.pages}`);
      expect(pdf.pages).toBeGreaterThanOrEqual(8);
      expect(pdf.flat).toContain('DRAF');
      expect(pdf.flat).toMatch(/Dibuat \d{1,2} \w+ \d{4} \d{2}\.\d{2} WITA · Data per/);
      expect(pdf.title).toBe(`Laporan Penilaian Kesenjangan — ${detail.unit.name}`);
      expect(pdf.author).toBe('Ir. Rina Kusumawardani, M.T. (demo)');
      expect(pdf.outline).toEqual(
        expect.arrayContaining([
          '1 Ruang lingkup dan tim penilai',
          '2 Ringkasan kesiapan',
          '3 Penilaian per klausul',
          '4 Temuan dan tindakan korektif',
          '5 Risiko, peluang dan sasaran mutu',
          '6 Audit internal dan tinjauan manajemen',
          '7 Register bukti',
          '8 Dokumen terkendali',
          '9 Pengesahan',
        ]),
      );
    });

    it('is refused to a unit outside the caller’s scope and for unknown ids, like the JSON routes', async () => {
      await get(officerSetda, `/api/assessments/${assessments.DUKCAPIL}/report.pdf`).expect(404);
      const unknown = '7b0f7c55-2b49-4a51-9a0e-3f8f9d7f2c11';
      for (const path of [
        `/api/assessments/${unknown}/report.pdf`,
        `/api/organisations/${unknown}/summary.pdf`,
        `/api/units/${unknown}/evidence-register.pdf`,
        `/api/units/${unknown}/evidence-register.csv`,
        `/api/reports/${unknown}`,
        `/api/reports/${unknown}/file`,
      ]) {
        const res = await get(admin, path).expect(404);
        expect(res.body.code).toBe('not_found');
      }
      await get(admin, '/api/assessments/not-a-uuid/report.pdf').expect(400);
      await get(admin, `/api/assessments/${assessments.DUKCAPIL}/report.pdf?lang=fr`).expect(400);
    });
  });

  describe('user text in a PDF', () => {
    let server: Server;
    const hits: string[] = [];
    let origin: string;

    beforeAll(async () => {
      server = createServer((req, res) => {
        hits.push(req.url ?? '');
        res.end('x');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('appears as literal text, and markup smuggled into any field reaches nothing', async () => {
      const tag = (field: string) =>
        `${field}: <script>document.write("EXECUTED")</script><img src="${origin}/${field}.png">`;
      const hostile = (field: string) =>
        `${tag(field)}<div style="background:url(${origin}/${field}-css.png)">x</div>` +
        `<style>@import url(${origin}/${field}.css);</style>`;
      const id = assessments.SETDA;
      const finding = (
        await request(t.server)
          .post(`/api/assessments/${id}/findings`)
          .set(bearer(assessor))
          .send({
            clause: '7.5.3.2',
            grade: 'minor',
            statement: hostile('statement'),
            objectiveEvidence: hostile('objective'),
          })
          .expect(201)
      ).body as { id: string };
      await request(t.server)
        .put(`/api/findings/${finding.id}/corrective-action`)
        .set(bearer(officerSetda))
        .send({
          correction: hostile('correction'),
          rootCause: hostile('root'),
          action: hostile('action'),
          owner: tag('owner'), // at most 200 characters
        })
        .expect(200);
      await request(t.server)
        .post(`/api/units/${units.SETDA.id}/evidence`)
        .set(bearer(officerSetda))
        .send({ title: hostile('title'), clauses: ['7.5.3.1'], reference: hostile('reference') })
        .expect(201);
      await request(t.server)
        .put(`/api/assessments/${id}/clauses/4.1`)
        .set(bearer(assessor))
        .send({ applicable: true, rating: 'partly_met', note: hostile('note') })
        .expect(200);

      const before = renders.length;
      const { pdf } = await pdfOf(admin, `/api/assessments/${id}/report.pdf`);
      const result = renders[before];
      for (const field of [
        'statement',
        'objective',
        'correction',
        'root',
        'action',
        'owner',
        'title',
        'reference',
        'note',
      ])
        expect(dense(pdf.text)).toContain(dense(tag(field)));
      expect(dense(pdf.text)).toContain(
        dense(`<div style="background:url(${origin}/note-css.png)">`),
      );
      expect(pdf.flat).not.toMatch(/(^|[^"(])EXECUTED/);
      expect(hits).toEqual([]);
      expect(result.refusedRequests).toEqual([]);
    });
  });

  describe('issuing', () => {
    let issued: {
      id: string;
      number: string;
      sha256: string;
      issuedAt: string;
      pages: number;
      size: number;
    };
    let bytes: Buffer;

    it('renders, numbers and stores the final report; the assessment becomes reported', async () => {
      const id = assessments.DUKCAPIL;
      await request(t.server)
        .post(`/api/assessments/${id}/reports`)
        .set(bearer(officerSetda))
        .expect(403);
      const res = await request(t.server)
        .post(`/api/assessments/${id}/reports`)
        .set(bearer(assessor))
        .send({})
        .expect(201);
      issued = res.body;
      expect(issued).toMatchObject({
        number: `MUTU/KPG/${year}/0001`,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        pages: expect.any(Number),
        size: expect.any(Number),
        issuedAt: expect.any(String),
      });

      const file = await get(management, `/api/reports/${issued.id}/file`)
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      bytes = file.body as Buffer;
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers.etag).toBe(`"${issued.sha256}"`);
      expect(file.headers['content-disposition']).toContain(`MUTU-KPG-${year}-0001.pdf`);
      expect(sha256(bytes)).toBe(issued.sha256);
      expect(bytes.length).toBe(issued.size);
      expect(existsSync(join(t.config.dataDir, 'reports', `${issued.sha256}.pdf`))).toBe(true);

      const pdf = await readPdf(bytes);
      expect(pdf.pages).toBe(issued.pages);
      expect(pdf.flat).toContain(`MUTU/KPG/${year}/0001`);
      expect(pdf.flat).toContain('Diterbitkan oleh Ir. Rina Kusumawardani, M.T. (demo)');
      expect(pdf.flat).not.toContain('DRAF');
      expect(pdf.flat).toContain(`Halaman 1 dari ${issued.pages}`);

      const meta = (await get(admin, `/api/reports/${issued.id}`).expect(200)).body;
      expect(meta).toMatchObject({
        id: issued.id,
        number: issued.number,
        sha256: issued.sha256,
        assessmentId: id,
        issuedBy: { displayName: 'Ir. Rina Kusumawardani, M.T. (demo)' },
        fileUrl: `/api/reports/${issued.id}/file`,
      });
      const assessment = (await get(admin, `/api/assessments/${id}`).expect(200)).body;
      expect(assessment.state).toBe('reported');
      const event = await t.db
        .getRepository(AuditEvent)
        .findOneBy({ action: 'report.issue', entityId: issued.id });
      expect(event?.changes).toMatchObject({
        number: { after: issued.number },
        sha256: { after: issued.sha256 },
      });
    });

    it('serves the identical bytes again, and a client that has them gets 304', async () => {
      const again = await get(admin, `/api/reports/${issued.id}/file`)
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      expect(Buffer.compare(again.body as Buffer, bytes)).toBe(0);
      await get(admin, `/api/reports/${issued.id}/file`)
        .set('If-None-Match', `"${issued.sha256}"`)
        .expect(304);
      await get(officerSetda, `/api/reports/${issued.id}/file`).expect(404);
    });

    it('freezes the assessment: no more ratings, no second report', async () => {
      const id = assessments.DUKCAPIL;
      const rating = await request(t.server)
        .put(`/api/assessments/${id}/clauses/4.1`)
        .set(bearer(assessor))
        .send({ applicable: true, rating: 'met' })
        .expect(409);
      expect(rating.body.code).toBe('assessment_reported');
      const again = await request(t.server)
        .post(`/api/assessments/${id}/reports`)
        .set(bearer(assessor))
        .expect(409);
      expect(again.body.code).toBe('assessment_reported');
    });

    it('numbers the next report of the organisation 0002, issued from the assessment page', async () => {
      const cookieSession = await login(t.server, 'assessor');
      const id = assessments.RSUD;
      const res = await request(t.server)
        .post(`/assessments/${id}/issue`)
        .set('Cookie', cookieSession.cookie)
        .set('Accept', 'text/html')
        .type('form')
        .send({ _csrf: cookieSession.csrfToken })
        .expect(303);
      expect(res.headers.location).toBe(`/assessments/${id}?flash=report_issued`);
      const list = (await get(admin, `/api/assessments/${id}/reports`).expect(200)).body as {
        number: string;
        id: string;
      }[];
      expect(list.map((r) => r.number)).toEqual([`MUTU/KPG/${year}/0002`]);
      const page = await request(t.server)
        .get(`/assessments/${id}?flash=report_issued`)
        .set('Cookie', cookieSession.cookie)
        .set('Accept', 'text/html')
        .expect(200);
      expect(page.text).toContain('Laporan diterbitkan.');
      expect(page.text).toContain(
        `href="/api/reports/${list[0].id}/file">MUTU/KPG/${year}/0002</a>`,
      );
    });

    it('gives two reports issued at the same moment consecutive numbers (the loser renders again)', async () => {
      const before = renders.length;
      const [bkd, setda] = await Promise.all(
        [assessments.BKD, assessments.SETDA].map((id) =>
          request(t.server)
            .post(`/api/assessments/${id}/reports`)
            .set(bearer(assessor))
            .expect(201),
        ),
      );
      const numbers = [bkd.body.number, setda.body.number] as string[];
      expect(numbers.sort()).toEqual([`MUTU/KPG/${year}/0003`, `MUTU/KPG/${year}/0004`]);
      // Both rendered number 0003 first; one of them found it taken and rendered 0004.
      expect(renders.length - before).toBe(3);
      for (const r of [bkd, setda]) {
        const file = await get(admin, `/api/reports/${r.body.id}/file`)
          .buffer(true)
          .parse(binaryBody);
        expect((await readPdf(file.body as Buffer)).flat).toContain(r.body.number);
      }
    });
  });

  describe('management summary and evidence register', () => {
    it('puts every unit side by side with the figures of the readiness API (English on request)', async () => {
      const org = (
        await get(management, `/api/organisations/${organisationId}/readiness?lang=en`).expect(200)
      ).body as { units: { name: string; score: number }[] };
      const { pdf } = await pdfOf(
        management,
        `/api/organisations/${organisationId}/summary.pdf?lang=en`,
      );
      expect(pdf.flat).toContain('Certification Readiness Summary');
      for (const u of org.units) {
        expect(pdf.flat).toContain(u.name);
        expect(pdf.flat).toContain(formatPercent(u.score, 'en'));
      }
      expect(pdf.flat).toContain(`Page 1 of ${pdf.pages}`);
      expect(pdf.outline).toEqual(
        expect.arrayContaining(['1 Units side by side', '5 Readiness trend']),
      );
    });

    it('lists every evidence item with clause, version, SHA-256 and review, as PDF, CSV and XLSX', async () => {
      const unit = units.DUKCAPIL;
      const list = (
        await get(admin, `/api/units/${unit.id}/evidence?pageSize=200&withdrawn=true`).expect(200)
      ).body as {
        total: number;
        items: { title: string; latestVersion: { sha256: string } | null }[];
      };
      const withFile = list.items.find((e) => e.latestVersion)!;

      const cookieSession = await login(t.server, 'officer.dukcapil');
      const page = await request(t.server)
        .get(`/units/${unit.id}`)
        .set('Cookie', cookieSession.cookie)
        .set('Accept', 'text/html')
        .expect(200);
      for (const format of ['pdf', 'csv', 'xlsx'])
        expect(page.text).toContain(`href="/api/units/${unit.id}/evidence-register.${format}"`);
      expect(page.text).toContain('Unduh register bukti');

      const { pdf } = await pdfOf(admin, `/api/units/${unit.id}/evidence-register.pdf`);
      expect(pdf.flat).toContain('Register Bukti');
      expect(pdf.flat).toContain(unit.name);
      for (const e of list.items) expect(dense(pdf.text)).toContain(dense(e.title));
      const sha = withFile.latestVersion!.sha256;
      expect(pdf.flat).toContain(`${sha.slice(0, 32)} ${sha.slice(32)}`);

      const csv = await get(admin, `/api/units/${unit.id}/evidence-register.csv`)
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      const text = (csv.body as Buffer).toString('utf8');
      expect(text.startsWith('\uFEFFNo.;Bukti;Referensi;Klausul;Versi')).toBe(true);
      expect(text).toContain(sha);
      expect(text.trimEnd().split('\r\n')).toHaveLength(list.total + 1);

      const xlsx = await get(admin, `/api/units/${unit.id}/evidence-register.xlsx?lang=en`)
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body);
      const ws = wb.worksheets[0];
      expect(ws.getRow(1).getCell(9).text).toBe('SHA-256');
      expect(ws.rowCount).toBe(list.total + 1);
      expect(ws.getColumn(9).values).toContain(sha);
    });
  });

  describe('a batch over the organisation', () => {
    it('renders every unit and the summary into a folder, even when the browser is killed mid-batch', async () => {
      const batch = t.app.get(ReportBatch);
      const provider = t.app.get(PdfRendererProvider);
      const out = mkdtempSync(join(tmpdir(), 'mutu-batch-'));
      try {
        const me = await batch.systemPrincipal('kota-kupang');
        let killed: number | undefined;
        const report = await batch.render(me, organisationId, out, 'id', () => {
          const pid = provider.stats().browserPid;
          if (killed === undefined && pid) {
            killed = pid;
            process.kill(pid, 'SIGKILL');
          }
        });
        expect(killed).toEqual(expect.any(Number));
        expect(provider.stats().browserPid).not.toBe(killed);
        expect(report.results.map((r) => r.subject).sort()).toEqual([
          'BKD',
          'DUKCAPIL',
          'RSUD',
          'SETDA',
          'kota-kupang',
        ]);
        for (const r of report.results) {
          const pdf = await readPdf(readFileSync(join(out, r.file)));
          expect(pdf.pages).toBe(r.pages);
          expect(pdf.flat).toContain(`Halaman ${r.pages} dari ${r.pages}`);
        }
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  });

  describe('after a restart without a browser', () => {
    let second: TestApp;

    beforeAll(async () => {
      await t.close();
      firstClosed = true;
      second = await startTestApp(
        {},
        {
          ...database,
          config: { ...database.config, chromiumPath: '/nonexistent/chromium' },
        },
      );
    });
    afterAll(async () => {
      await second?.close();
    });

    it('still serves the issued report byte for byte, and PDF routes answer 503 saying what to do', async () => {
      const session = await login(second.server, 'admin');
      const [report] = (
        await request(second.server)
          .get(`/api/assessments/${assessments.DUKCAPIL}/reports`)
          .set(bearer(session))
          .expect(200)
      ).body as { id: string; sha256: string }[];
      const file = await request(second.server)
        .get(`/api/reports/${report.id}/file`)
        .set(bearer(session))
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      expect(sha256(file.body as Buffer)).toBe(report.sha256);

      for (const path of [
        `/api/assessments/${assessments.BKD}/report.pdf`,
        `/api/organisations/${organisationId}/summary.pdf`,
        `/api/units/${units.BKD.id}/evidence-register.pdf`,
      ]) {
        const res = await request(second.server).get(path).set(bearer(session)).expect(503);
        expect(res.body.code).toBe('browser_unavailable');
        expect(res.body.message).toContain('/nonexistent/chromium');
        expect(res.body.message).toContain('apt-get install -y chromium');
        expect(res.body.message).toContain('CHROMIUM_PATH');
      }
      // The rest of the application works.
      await request(second.server)
        .get(`/api/units/${units.BKD.id}/readiness`)
        .set(bearer(session))
        .expect(200);
      await request(second.server)
        .get(`/api/units/${units.BKD.id}/evidence-register.csv`)
        .set(bearer(session))
        .expect(200);
    });
  });
});
