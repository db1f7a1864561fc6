import ExcelJS from 'exceljs';
import request from 'supertest';
import { AuditEvent } from '../src/audit-log/audit-event.entity.js';
import { todayInZone } from '../src/common/dates.js';
import { Unit } from '../src/organisations/unit.entity.js';
import { lastEndedSemester } from '../src/satisfaction/demo-surveys.js';
import { SatisfactionSurvey } from '../src/satisfaction/satisfaction-survey.entity.js';
import { bearer, login, type Session } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Complaints before facilities, services named, answers chosen so that the numbers are known:
// 4 respondents, pooled NRR U1 = 3,5 and every other element 4 → IKM (3,5 + 32) × 25/9 = 98,61.
const HEADER =
  'No;Layanan;Jenis kelamin;Pengaduan;Sarana dan prasarana;Perilaku pelaksana;Kompetensi pelaksana;Produk pelayanan;Biaya/Tarif;Waktu penyelesaian;Prosedur;Persyaratan';
const ROWS = [
  '1;KTP-el;L;4;4;4;4;4;4;4;4;4',
  '2;KTP-el;P;4;4;4;4;4;4;4;4;3',
  '3;Akta kelahiran;P;4;4;4;4;4;4;4;4;3',
  '4;Akta kelahiran;L;4;4;4;4;4;4;4;4;4',
];
const csv = (rows = ROWS, header = HEADER) =>
  Buffer.from(`\uFEFF${[header, ...rows].join('\r\n')}\r\n`);

describeDb('satisfaction surveys (SKM → IKM)', () => {
  let t: TestApp;
  let officer: Session;
  let otherOfficer: Session;
  let admin: Session;
  let assessor: Session;
  let management: Session;
  let dukcapil: string;
  let rsud: string;

  const post = (unit: string, body: Buffer, query: string, s = officer, type = 'text/csv') =>
    request(t.server)
      .post(`/api/units/${unit}/satisfaction-surveys${query}`)
      .set(bearer(s))
      .set('Content-Type', type)
      .send(body);
  const counts = async () => ({
    surveys: await t.db.getRepository(SatisfactionSurvey).count(),
    events: await t.db.getRepository(AuditEvent).count(),
  });

  beforeAll(async () => {
    t = await startTestApp();
    [officer, otherOfficer, admin, assessor, management] = await Promise.all(
      ['officer.dukcapil', 'officer.rsud', 'admin', 'assessor', 'management'].map((u) =>
        login(t.server, u),
      ),
    );
    const [org] = (await request(t.server).get('/api/organisations').set(bearer(admin))).body;
    const units = (
      await request(t.server).get(`/api/organisations/${org.id}/units`).set(bearer(admin))
    ).body as { id: string; code: string }[];
    dukcapil = units.find((u) => u.code === 'DUKCAPIL')!.id;
    rsud = units.find((u) => u.code === 'RSUD')!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has the demo semester survey of each pilot unit', async () => {
    const semester = lastEndedSemester(todayInZone(new Date()));
    const list = await request(t.server)
      .get(`/api/units/${dukcapil}/satisfaction-surveys`)
      .set(bearer(management))
      .expect(200);
    expect(list.body).toEqual([
      expect.objectContaining({
        period: semester,
        label: `SKM ${semester} (demo)`,
        respondents: 90,
      }),
    ]);
    expect(await t.db.getRepository(SatisfactionSurvey).count()).toBe(4);
  });

  it('imports a CSV by element name and answers 201 with the pooled IKM and the breakdowns', async () => {
    const before = await counts();
    const res = await post(dukcapil, csv(), '?period=2015-S2').expect(201);
    expect(res.body).toMatchObject({
      period: '2015-S2',
      respondents: 4,
      ikm: 98.61,
      grade: 'A',
      gradeLabel: 'Sangat Baik',
      dryRun: false,
      replaced: false,
      warnings: [],
    });
    expect(res.body.elements[0]).toEqual({ code: 'U1', name: 'Persyaratan', nrr: 3.5 });
    expect(res.body.elements[7]).toEqual({
      code: 'U8',
      name: 'Penanganan pengaduan, saran dan masukan',
      nrr: 4,
    });
    expect(
      (res.body.byService as { service: string; respondents: number; ikm: number }[]).map((s) => [
        s.service,
        s.respondents,
        s.ikm,
      ]),
    ).toEqual([
      ['Akta kelahiran', 2, 98.61],
      ['KTP-el', 2, 98.61],
    ]);
    // The survey's event and that of its report stored as evidence for 9.1.2.
    expect(res.body.evidence).toMatchObject({ version: 1, missing: null });
    expect(await counts()).toEqual({ surveys: before.surveys + 1, events: before.events + 2 });
    const event = await t.db
      .getRepository(AuditEvent)
      .findOneByOrFail({ entityId: res.body.id, action: 'satisfaction_survey.import' });
    expect(event).toMatchObject({ unitId: dukcapil, actorId: officer.user.id });

    const shown = await request(t.server)
      .get(`/api/satisfaction-surveys/${res.body.id}?lang=en`)
      .set(bearer(assessor))
      .expect(200);
    expect(shown.body).toMatchObject({ ikm: 98.61, grade: 'A', gradeLabel: 'Very good' });
    expect(shown.body.elements[0]).toEqual({ code: 'U1', name: 'Requirements', nrr: 3.5 });
  });

  it('refuses the same file again (409) and replaces it with ?replace=1', async () => {
    const again = await post(dukcapil, csv(), '?period=2015-S2').expect(409);
    expect(again.body).toMatchObject({ code: 'survey_duplicate_file' });
    const otherPeriod = await post(dukcapil, csv(), '?period=2014').expect(409);
    expect(otherPeriod.body.code).toBe('survey_duplicate_file');
    const before = await counts();
    const replaced = await post(dukcapil, csv(), '?period=2015-S2&replace=1').expect(201);
    expect(replaced.body).toMatchObject({ replaced: true, ikm: 98.61 });
    expect(replaced.body.evidence).toMatchObject({ version: 2, missing: null });
    expect(await counts()).toEqual({ surveys: before.surveys, events: before.events + 2 });
  });

  it('stores one survey when the same file arrives twice at once; the other is 409', async () => {
    const before = await counts();
    const body = csv([...ROWS, '5;KTP-el;L;2;2;2;2;2;2;2;2;2']);
    const answers = await Promise.all([1, 2].map(() => post(dukcapil, body, '?period=2010')));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(['survey_duplicate_file', 'survey_period_exists', 'survey_concurrent_import']).toContain(
      answers.find((r) => r.status === 409)!.body.code,
    );
    expect(await counts()).toEqual({ surveys: before.surveys + 1, events: before.events + 2 });
  });

  it('validates only on a dry run, leaving nothing behind', async () => {
    const before = await counts();
    const rows = [...ROWS, '5;KTP-el;L;1;1;1;1;1;1;1;1;1'];
    const res = await post(dukcapil, csv(rows), '?period=2009&dryRun=1').expect(201);
    expect(res.body).toMatchObject({ dryRun: true, id: null, respondents: 5 });
    expect(await counts()).toEqual(before);
  });

  it('refuses every bad row by line number with the reason, storing nothing', async () => {
    const before = await counts();
    const rows = [
      ROWS[0],
      '2;KTP-el;P;5;4;4;4;4;4;4;4;3',
      '3;KTP-el;P;4;;4;4;4;4;4;4;3',
      '4;KTP-el;P;4;4;baik;4;4;4;4;4;3',
    ];
    const res = await post(dukcapil, csv(rows), '?period=2013').expect(422);
    expect(res.body).toMatchObject({
      code: 'survey_rows_refused',
      details: {
        refused: [
          {
            line: 3,
            element: 'U8',
            reason: 'answer_out_of_range',
            message:
              'baris 3, Penanganan pengaduan, saran dan masukan: jawaban 5 di luar skala 1–4',
          },
          { line: 4, element: 'U9', reason: 'answer_blank' },
          { line: 5, element: 'U7', reason: 'answer_not_a_number', value: 'baik' },
        ],
      },
    });
    expect(await counts()).toEqual(before);
  });

  it('names an unknown or missing element in the header', async () => {
    const header = HEADER.replace('Pengaduan', 'Keramahan satpam');
    const res = await post(dukcapil, csv(ROWS, header), '?period=2013').expect(400);
    expect(res.body.code).toBe('survey_wrong_columns');
    expect(res.body.message).toContain('kolom "Keramahan satpam" bukan unsur SKM yang dikenal');
    expect(res.body.message).toContain(
      'unsur U8 Penanganan pengaduan, saran dan masukan tidak ada',
    );
  });

  it('imports the aggregate form and flags a published IKM that does not match', async () => {
    const body = Buffer.from(
      [
        'Unsur;NRR',
        'Persyaratan;3,25',
        'Sistem, mekanisme, dan prosedur;3,25',
        'Waktu penyelesaian;3,25',
        'Biaya/tarif;3,25',
        'Produk spesifikasi jenis pelayanan;3,25',
        'Kompetensi pelaksana;3,25',
        'Perilaku pelaksana;3,25',
        'Penanganan pengaduan, saran dan masukan;3,25',
        'Sarana dan prasarana;3,25',
        'Jumlah responden;150',
        'IKM;80,00',
      ].join('\n'),
    );
    const res = await post(dukcapil, body, '?period=2014-S1').expect(201);
    expect(res.body).toMatchObject({
      source: 'aggregate',
      respondents: 150,
      ikm: 81.25,
      grade: 'B',
      reportedIkm: 80,
      warnings: [
        {
          code: 'ikm_mismatch',
          message: 'IKM yang dilaporkan 80,00 tidak sesuai dengan perhitungan 81,25',
        },
      ],
    });
  });

  it('imports the XLSX equivalent', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('SKM');
    ws.addRow(HEADER.split(';'));
    for (const r of ROWS) ws.addRow(r.split(';').map((v, i) => (i > 2 ? Number(v) : v)));
    ws.addRow(['5', 'KTP-el', 'P', 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await post(dukcapil, bytes, '?period=2012', admin, XLSX).expect(201);
    // (3,5·4 + 1)/5 = 3 for U1, (16 + 1)/5 = 3,4 for the rest → (3 + 8 × 3,4) × 25/9 = 83,89
    expect(res.body).toMatchObject({ respondents: 5, ikm: 83.89, grade: 'B' });
  });

  it('refuses other types, unreadable files, oversized bodies and bad periods', async () => {
    await post(dukcapil, csv(), '?period=2026-S3').expect(400);
    await post(dukcapil, csv(), '').expect(400);
    const json = await request(t.server)
      .post(`/api/units/${dukcapil}/satisfaction-surveys?period=2011`)
      .set(bearer(officer))
      .send({ rows: [] })
      .expect(415);
    expect(json.body.code).toBe('survey_unsupported_type');
    const notXlsx = await post(dukcapil, csv(), '?period=2011', officer, XLSX).expect(400);
    expect(notXlsx.body.code).toBe('survey_not_readable');
    await post(dukcapil, Buffer.alloc(5 * 1024 * 1024 + 1, 0x41), '?period=2011').expect(413);
  });

  it('keeps surveys inside the unit scope (404) and to the roles that import', async () => {
    const before = await counts();
    await post(rsud, csv(), '?period=2011').expect(404);
    await post(dukcapil, csv(), '?period=2011', otherOfficer).expect(404);
    await post(dukcapil, csv(), '?period=2011', assessor).expect(403);
    await post(dukcapil, csv(), '?period=2011', management).expect(403);
    expect(await counts()).toEqual(before);
    const [rsudSurvey] = (
      await request(t.server).get(`/api/units/${rsud}/satisfaction-surveys`).set(bearer(admin))
    ).body as { id: string }[];
    await request(t.server)
      .get(`/api/satisfaction-surveys/${rsudSurvey.id}`)
      .set(bearer(officer))
      .expect(404);
    await request(t.server)
      .get(`/api/units/${rsud}/satisfaction-surveys`)
      .set(bearer(officer))
      .expect(404);
  });
  it('shows the survey page with the IKM in decimal comma, the lowest elements and the trend', async () => {
    const page = await request(t.server)
      .get(`/units/${rsud}/satisfaction`)
      .set('Cookie', otherOfficer.cookie)
      .expect(200);
    const survey = (
      await request(t.server).get(`/api/units/${rsud}/satisfaction-surveys`).set(bearer(admin))
    ).body[0] as { id: string };
    const shown = (
      await request(t.server).get(`/api/satisfaction-surveys/${survey.id}`).set(bearer(admin))
    ).body as { ikm: number; lowest: string[]; elements: { code: string; name: string }[] };
    const comma = shown.ikm.toFixed(2).replace('.', ',');
    expect(page.text).toContain(`data-testid="survey-ikm">${comma}<`);
    expect(page.text).toContain('Survei kepuasan masyarakat (SKM)');
    expect(page.text).toContain('(demo)');
    expect(page.text).toMatch(/<strong>Jenis kelamin:<\/strong> L \d+ · P \d+/);
    const lowest = shown.elements.filter((e) => shown.lowest.includes(e.code)).map((e) => e.name);
    expect(page.text).toContain(`data-testid="survey-lowest">${lowest.join(', ')}<`);
    expect((page.text.match(/class="nrr-bar nrr-lowest"/g) ?? []).length).toBe(lowest.length);
    const en = await request(t.server)
      .get(`/units/${rsud}/satisfaction?lang=en`)
      .set('Cookie', otherOfficer.cookie)
      .expect(200);
    expect(en.text).toContain(`data-testid="survey-ikm">${shown.ikm.toFixed(2)}<`);
    await request(t.server)
      .get(`/units/${dukcapil}/satisfaction`)
      .set('Cookie', otherOfficer.cookie)
      .expect(404);
  });
  it('blocks readiness of a unit without a survey in the last 12 months, until one is imported', async () => {
    const dukcapilReadiness = (
      await request(t.server).get(`/api/units/${dukcapil}/readiness`).set(bearer(admin)).expect(200)
    ).body as { blockers: { code: string }[] };
    expect(dukcapilReadiness.blockers.map((b) => b.code)).not.toContain(
      'satisfaction_survey_missing',
    );
    const org = (await t.db.getRepository(Unit).findOneByOrFail({ id: dukcapil })).organisationId;
    const fresh = await t.db
      .getRepository(Unit)
      .save(
        t.db
          .getRepository(Unit)
          .create({ organisationId: org, code: 'DISPAR', name: 'Dinas Pariwisata (uji)' }),
      );
    const blockers = async (lang = 'id') =>
      (
        await request(t.server)
          .get(`/api/units/${fresh.id}/readiness?lang=${lang}`)
          .set(bearer(admin))
          .expect(200)
      ).body.blockers as { code: string; message: string }[];
    expect((await blockers()).find((b) => b.code === 'satisfaction_survey_missing')).toEqual(
      expect.objectContaining({
        message: 'belum ada survei kepuasan masyarakat dalam 12 bulan terakhir',
      }),
    );
    await post(fresh.id, csv(), '?period=2020', admin).expect(201);
    expect((await blockers('en')).find((b) => b.code === 'satisfaction_survey_missing')).toEqual(
      expect.objectContaining({
        message:
          'The last public satisfaction survey ended 31 December 2020, more than 12 months ago',
      }),
    );
    const current = csv([...ROWS, '5;KTP-el;L;3;3;3;3;3;3;3;3;3']);
    await post(fresh.id, current, `?period=${todayInZone(new Date()).slice(0, 4)}`, admin).expect(
      201,
    );
    expect((await blockers()).map((b) => b.code)).not.toContain('satisfaction_survey_missing');
  });
});
