import ExcelJS from 'exceljs';
import request from 'supertest';
import { AuditEvent } from '../src/audit-log/audit-event.entity.js';
import { Clock } from '../src/common/clock.js';
import { ComplaintMappingRecord } from '../src/complaints/complaint-mapping.entity.js';
import { Complaint } from '../src/complaints/complaint.entity.js';
import { bearer, login, type Session } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// A LAPOR!-style export of the first semester of 2025, with the complainants' personal data.
const HEADER =
  'Nomor Tiket;Nama Pelapor;No. HP;NIK;Email;Kanal;Kategori;Tanggal Laporan;Tanggal Disposisi;Tanggal Selesai;Status;Judul Laporan';
const ROWS = [
  // next-day answer, resolved 2 working days later
  'LPR-25-0001;Yohanes Ndoen;081234567890;5371010101900001;yn@example.id;SP4N-LAPOR!;Antrean;03/03/2025;04/03/2025;06/03/2025;Selesai;Antrean panjang di loket KTP',
  // answered after 4 working days, resolved 1 after
  'LPR-25-0002;Maria Bria;081298765432;5371014101920002;mb@example.id;Qlue;Antrean;2025-04-07;2025-04-11;2025-04-14;Selesai;Nomor antrean habis',
  // still open since 2 June 2025
  'LPR-25-0003;Petrus Lay;082111222333;5371010202880003;pl@example.id;SP4N-LAPOR!;Pungutan;2025-06-02;;;Baru;Diminta biaya untuk KK',
];
const csv = (rows = ROWS, header = HEADER) =>
  Buffer.from(`\uFEFF${[header, ...rows].join('\r\n')}\r\n`);

describeDb('citizen complaints (SP4N-LAPOR!, Qlue, own log)', () => {
  let t: TestApp;
  let officer: Session;
  let otherOfficer: Session;
  let admin: Session;
  let management: Session;
  let assessor: Session;
  let dukcapil: string;
  let org: string;

  const post = (body: Buffer, query: string, s = officer, unit = dukcapil, type = 'text/csv') =>
    request(t.server)
      .post(`/api/units/${unit}/complaints/import${query}`)
      .set(bearer(s))
      .set('Content-Type', type)
      .send(body);
  const metrics = (period: string, s = management) =>
    request(t.server)
      .get(`/api/units/${dukcapil}/complaints/metrics?period=${period}`)
      .set(bearer(s));
  const counts = async () => ({
    complaints: await t.db.getRepository(Complaint).count(),
    mappings: await t.db.getRepository(ComplaintMappingRecord).count(),
    events: await t.db.getRepository(AuditEvent).count(),
  });

  beforeAll(async () => {
    t = await startTestApp();
    [officer, otherOfficer, admin, management, assessor] = await Promise.all(
      ['officer.dukcapil', 'officer.rsud', 'admin', 'management', 'assessor'].map((u) =>
        login(t.server, u),
      ),
    );
    const [o] = (await request(t.server).get('/api/organisations').set(bearer(admin))).body as {
      id: string;
    }[];
    org = o.id;
    const units = (
      await request(t.server).get(`/api/organisations/${org}/units`).set(bearer(admin))
    ).body as { id: string; code: string }[];
    dukcapil = units.find((u) => u.code === 'DUKCAPIL')!.id;
    t.app.get(Clock).now = () => new Date('2025-06-20T03:00:00Z');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has a demo complaint log for each pilot unit, marked (demo), without the names and numbers its files carry', async () => {
    const rows = await t.db.getRepository(Complaint).find({ relations: { unit: true } });
    const units = new Set(rows.map((r) => r.unit!.code));
    expect([...units].sort()).toEqual(['BKD', 'DUKCAPIL', 'RSUD', 'SETDA']);
    expect(rows.every((r) => r.summary?.endsWith('(demo)'))).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/Ndoen|Pello|5371000000|0800000/);
  });

  it('a first LAPOR! export: the default mapping is proposed, personal columns dropped, nothing stored until confirmed', async () => {
    const before = await counts();
    const dry = await post(csv(), '?dryRun=1&lang=en').expect(201);
    expect(dry.body).toMatchObject({
      source: 'lapor',
      dryRun: true,
      mappingFrom: 'default',
      mapping: {
        trackingId: 'Nomor Tiket',
        channel: 'Kanal',
        category: 'Kategori',
        received: 'Tanggal Laporan',
        firstResponse: 'Tanggal Disposisi',
        resolved: 'Tanggal Selesai',
        status: 'Status',
        summary: 'Judul Laporan',
      },
      droppedPersonalColumns: ['Nama Pelapor', 'No. HP', 'NIK', 'Email'],
      rows: 3,
      created: 3,
      updated: 0,
    });
    expect(dry.body.notice).toContain('Nama Pelapor, No. HP, NIK, Email');
    const unconfirmed = await post(csv(), '?lang=en').expect(422);
    expect(unconfirmed.body.message).toContain('confirm');
    expect(unconfirmed.body.details.proposed.trackingId).toBe('Nomor Tiket');
    expect(await counts()).toEqual(before);
  });

  it('imports on confirmation, stores no personal data, saves the mapping and audits it', async () => {
    const before = await counts();
    const res = await post(csv(), '?confirm=1').expect(201);
    expect(res.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, dryRun: false });
    const after = await counts();
    expect(after.complaints).toBe(before.complaints + 3);
    expect(after.mappings).toBe(before.mappings + 1);
    expect(after.events).toBe(before.events + 2);
    const rows = await t.db.getRepository(Complaint).findBy({ unitId: dukcapil });
    const stored = JSON.stringify(rows);
    for (const personal of ['Yohanes', 'Ndoen', '081234567890', '5371010101900001', 'example.id'])
      expect(stored).not.toContain(personal);
    expect(rows.find((r) => r.trackingId === 'LPR-25-0003')).toMatchObject({
      receivedOn: '2025-06-02',
      firstResponseOn: null,
      status: 'open',
      category: 'Pungutan',
    });
  });

  it('re-importing the same export changes nothing; a changed status is an update, not a duplicate', async () => {
    const before = await counts();
    const again = await post(csv(), '').expect(201);
    expect(again.body).toMatchObject({
      mappingFrom: 'saved',
      created: 0,
      updated: 0,
      unchanged: 3,
    });
    const changed = [...ROWS];
    changed[2] = changed[2].replace(';;;Baru;', ';2025-06-03;2025-06-05;Selesai;');
    const update = await post(csv(changed), '').expect(201);
    expect(update.body).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const after = await counts();
    expect(after.complaints).toBe(before.complaints);
    const row = await t.db
      .getRepository(Complaint)
      .findOneByOrFail({ unitId: dukcapil, trackingId: 'LPR-25-0003' });
    expect(row).toMatchObject({ status: 'resolved', resolvedOn: '2025-06-05' });
    // put it back open for the metrics below
    await post(csv(), '').expect(201);
  });

  it('metrics of the period in working days (weekends, holidays and cuti bersama skipped)', async () => {
    const res = await metrics('2025-S1').expect(200);
    expect(res.body).toMatchObject({
      period: '2025-S1',
      limits: { verifyDays: 3, followUpDays: 5 },
      received: 3,
      byCategory: [
        { name: 'Antrean', count: 2 },
        { name: 'Pungutan', count: 1 },
      ],
      byChannel: [
        { name: 'SP4N-LAPOR!', count: 2 },
        { name: 'Qlue', count: 1 },
      ],
      // 1 and 4 working days
      firstResponse: { measured: 2, median: 2.5, p90: 4, withinLimit: 0.5 },
      // 3 and 5 working days from receipt, follow-ups of 2 and 1
      resolution: { measured: 2, median: 4, p90: 5, withinLimit: 1 },
      open: 1,
      // due 5 June 2025 (3 working days after 2 June): overdue on 20 June
      overdue: 1,
    });
    expect(res.body.trend.map((p: { period: string }) => p.period)).toEqual([
      '2023-S2',
      '2024-S1',
      '2024-S2',
      '2025-S1',
    ]);
  });

  it("the organisation's limits and own days off change the metrics", async () => {
    const put = await request(t.server)
      .put(`/api/organisations/${org}/complaint-settings`)
      .set(bearer(admin))
      .send({
        verifyDays: 5,
        followUpDays: 5,
        holidays: [{ date: '2025-04-08', name: 'Libur daerah (uji)' }],
      })
      .expect(200);
    expect(put.body).toMatchObject({ verifyDays: 5, holidays: [{ date: '2025-04-08' }] });
    const res = await metrics('2025-S1').expect(200);
    // 7 → 11 April minus the 8th: 3 working days; both answers now within 5.
    expect(res.body.firstResponse).toEqual({ measured: 2, median: 2, p90: 3, withinLimit: 1 });
    const got = await request(t.server)
      .get(`/api/organisations/${org}/complaint-settings?year=2026`)
      .set(bearer(management))
      .expect(200);
    expect(got.body.nationalSource).toBe('skb');
    expect(got.body.nationalHolidays).toContainEqual({
      date: '2026-03-20',
      name: 'Cuti bersama Idul Fitri 1447 H',
      kind: 'cuti_bersama',
    });
    await request(t.server)
      .put(`/api/organisations/${org}/complaint-settings`)
      .set(bearer(officer))
      .send({ verifyDays: 3, followUpDays: 5, holidays: [] })
      .expect(403);
    for (const bad of [
      { verifyDays: null, followUpDays: 5, holidays: [] },
      { verifyDays: 0, followUpDays: 5, holidays: [] },
      { verifyDays: 3, followUpDays: 5, holidays: [{ date: '2025-02-30', name: 'x' }] },
      { verifyDays: 3, followUpDays: 5, holidays: null },
      { verifyDays: 3, followUpDays: 5, holidays: [{ date: '2025-02-03', name: 'x'.repeat(201) }] },
    ])
      await request(t.server)
        .put(`/api/organisations/${org}/complaint-settings`)
        .set(bearer(admin))
        .send(bad)
        .expect(400);
    await request(t.server)
      .put(`/api/organisations/${org}/complaint-settings`)
      .set(bearer(admin))
      .send({ verifyDays: 3, followUpDays: 5, holidays: [] })
      .expect(200);
  });

  it('refuses bad rows by line with the reason, all or nothing', async () => {
    const before = await counts();
    const res = await post(
      csv([
        ...ROWS,
        'LPR-25-0004;X;;;;;Antrean;kemarin;;;Baru;',
        ';X;;;;;Antrean;2025-05-05;;;Baru;',
        'LPR-25-0001;X;;;;;Antrean;2025-05-05;2025-05-01;;Baru;',
      ]),
      '?lang=en',
    ).expect(422);
    expect(
      res.body.details.refused.map((r: { line: number; field: string; reason: string }) => [
        r.line,
        r.field,
        r.reason,
      ]),
    ).toEqual([
      [5, 'received', 'date_invalid'],
      [6, 'trackingId', 'required_blank'],
      [7, 'trackingId', 'tracking_id_duplicate'],
      [7, 'firstResponse', 'date_before_received'],
    ]);
    expect(res.body.details.refused[0].message).toBe(
      'Line 5: Received "kemarin" is not a date (use 2026-03-05 or 05/03/2026)',
    );
    expect(await counts()).toEqual(before);
  });

  it('another source maps by the columns the user names; a personal column is never accepted', async () => {
    const qlue = Buffer.from(
      'ID Qlue,Nama,Topik,Waktu Masuk,Respon TRC,Beres\nQ-1,Ani,Jalan rusak,2025-05-05,2025-05-06,2025-05-08\n',
    );
    const unmapped = await post(qlue, '?source=qlue&lang=en').expect(422);
    expect(unmapped.body.error).toBeDefined();
    expect(unmapped.body.details.headers).toEqual([
      'ID Qlue',
      'Nama',
      'Topik',
      'Waktu Masuk',
      'Respon TRC',
      'Beres',
    ]);
    await post(qlue, '?source=qlue&trackingId=Nama&received=Waktu%20Masuk').expect(422);
    const q =
      '?source=qlue&trackingId=ID%20Qlue&category=Topik&received=Waktu%20Masuk&firstResponse=Respon%20TRC&resolved=Beres';
    const ok = await post(qlue, q).expect(201);
    expect(ok.body).toMatchObject({ mappingFrom: 'request', created: 1 });
    // The next Qlue export maps itself.
    const next = await post(qlue, '?source=qlue').expect(201);
    expect(next.body).toMatchObject({ mappingFrom: 'saved', unchanged: 1 });
  });

  it('reads an .xlsx log with real date cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Laporan');
    ws.addRow(['Nomor Tiket', 'Nama Pelapor', 'Kategori', 'Tanggal Laporan', 'Status']);
    ws.addRow(['LPR-X-1', 'Rahasia', 'Antrean', new Date(Date.UTC(2025, 4, 12)), 'Baru']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    await post(bytes, '?source=xlsx-test&confirm=1', officer, dukcapil, XLSX).expect(201);
    const row = await t.db
      .getRepository(Complaint)
      .findOneByOrFail({ unitId: dukcapil, trackingId: 'LPR-X-1' });
    expect(row.receivedOn).toBe('2025-05-12');
  });

  it('one click raises a finding from a complaint or a recurring category, linked to it', async () => {
    const raise = (body: object, s = assessor) =>
      request(t.server)
        .post(`/api/units/${dukcapil}/complaints/findings?lang=en`)
        .set(bearer(s))
        .set('X-CSRF-Token', s.csrfToken)
        .send(body);
    const cycles = (
      await request(t.server).get(`/api/units/${dukcapil}/assessments`).set(bearer(admin))
    ).body as { id: string; current: boolean }[];
    const one = await raise({ trackingId: 'LPR-25-0003', clause: '8.2.1' }).expect(201);
    expect(one.body).toMatchObject({ grade: 'observation', state: 'open' });
    // In the unit's current cycle, the one its readiness reads.
    expect(one.body.assessmentId).toBe(cycles.find((c) => c.current)!.id);
    expect(one.body.statement).toContain('LPR-25-0003');
    expect(one.body.statement).not.toContain('Petrus');
    const pattern = await raise({
      category: 'Antrean',
      period: '2025-S1',
      clause: '10.2.1',
      grade: 'minor',
    }).expect(201);
    expect(pattern.body.statement).toBe(
      // the two of the export and the one of the .xlsx
      'Recurring complaints: 3 complaints in category "Antrean" in 2025-S1.',
    );
    const origins = await t.db.query<{ kind: string; ref: string }[]>(
      'SELECT kind, ref FROM finding_origin ORDER BY kind',
    );
    expect(origins).toEqual(
      expect.arrayContaining([
        { kind: 'complaint', ref: 'LPR-25-0003' },
        { kind: 'complaint_category', ref: 'Antrean 2025-S1' },
      ]),
    );
    await raise({ category: 'Pungutan', period: '2025-S1', clause: '10.2.1' }).expect(422);
    await raise({ trackingId: 'LPR-NOPE', clause: '8.2.1' }).expect(404);
    await raise({ clause: '8.2.1' }).expect(400);
    await raise({ trackingId: 'LPR-25-0003', category: 'Antrean', clause: '8.2.1' }).expect(400);
    await raise({ trackingId: 'LPR-25-0003', clause: '4.1' }).expect(400);
    await raise({ trackingId: 'LPR-25-0003', clause: '8.2.1' }, officer).expect(403);
  });

  it('one click creates the OFI from the lowest elements of a survey, linked to the survey', async () => {
    const [survey] = (
      await request(t.server).get(`/api/units/${dukcapil}/satisfaction-surveys`).set(bearer(admin))
    ).body as { id: string; period: string }[];
    const res = await request(t.server)
      .post(`/api/satisfaction-surveys/${survey.id}/findings?lang=id`)
      .set(bearer(assessor))
      .set('X-CSRF-Token', assessor.csrfToken)
      .expect(201);
    expect(res.body).toMatchObject({ grade: 'improvement', clause: { number: '9.1.2' } });
    expect(res.body.statement).toMatch(/unsur terendah adalah .+\(NRR \d,\d{2}\)/);
    const [origin] = await t.db.query<{ ref_id: string }[]>(
      `SELECT ref_id FROM finding_origin WHERE kind = 'satisfaction_survey'`,
    );
    expect(origin.ref_id).toBe(survey.id);
    await request(t.server)
      .post(`/api/satisfaction-surveys/${survey.id}/findings`)
      .set(bearer(otherOfficer))
      .expect(403);
  });

  it('a withdrawn unit has no cycle to raise a finding in: the unit is not found, nothing is written', async () => {
    const [survey] = (
      await request(t.server).get(`/api/units/${dukcapil}/satisfaction-surveys`).set(bearer(admin))
    ).body as { id: string }[];
    const withdraw = (withdrawn: boolean) =>
      request(t.server)
        .patch(`/api/units/${dukcapil}`)
        .set(bearer(admin))
        .send({ withdrawn })
        .expect(200);
    const findings = () => t.db.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM finding');
    const before = await findings();
    await withdraw(true);
    try {
      const complaint = await request(t.server)
        .post(`/api/units/${dukcapil}/complaints/findings?lang=en`)
        .set(bearer(assessor))
        .set('X-CSRF-Token', assessor.csrfToken)
        .send({ trackingId: 'LPR-25-0003', clause: '8.2.1' })
        .expect(404);
      expect(complaint.body).toMatchObject({ code: 'not_found', message: 'Unit not found.' });
      const fromSurvey = await request(t.server)
        .post(`/api/satisfaction-surveys/${survey.id}/findings?lang=en`)
        .set(bearer(assessor))
        .set('X-CSRF-Token', assessor.csrfToken)
        .expect(404);
      expect(fromSurvey.body).toMatchObject({ code: 'not_found', message: 'Unit not found.' });
      expect(await findings()).toEqual(before);
    } finally {
      await withdraw(false);
    }
  });

  it('scope, permissions and hostile input: 404 for another unit, 403, 4xx never 5xx', async () => {
    const before = await counts();
    await post(csv(), '?confirm=1', otherOfficer).expect(404);
    await metrics('2025-S1', otherOfficer).expect(404);
    await post(csv(), '?confirm=1', management).expect(403);
    await post(csv(), '?confirm=1', assessor).expect(403);
    await post(csv(), '?source=../../etc').expect(400);
    await post(csv(), `?trackingId=${'x'.repeat(101)}`).expect(400);
    await post(
      Buffer.from('%PDF-1.4 not a sheet'),
      '',
      officer,
      dukcapil,
      'application/pdf',
    ).expect(415);
    await post(Buffer.from('PK\u0003\u0004garbage'), '', officer, dukcapil, XLSX).expect(400);
    await post(Buffer.from([0xff, 0xfe, 0x00]), '').expect(400);
    await post(Buffer.from(''), '').expect(400);
    await post(Buffer.alloc(6 * 1024 * 1024, 'a'), '').expect(413);
    await metrics('2025-S3').expect(400);
    await metrics('99999').expect(400);
    expect(await counts()).toEqual(before);
  });

  it('parallel imports of the same file create each complaint once', async () => {
    const rows = [
      'LPR-P-1;;;;;LAPOR;Antrean;2025-05-05;;;Baru;',
      'LPR-P-2;;;;;LAPOR;Antrean;2025-05-06;;;Baru;',
    ];
    const results = await Promise.all([1, 2, 3, 4].map(() => post(csv(rows), '')));
    for (const r of results) expect([201, 409]).toContain(r.status);
    expect(
      await t.db.getRepository(Complaint).countBy({ unitId: dukcapil, trackingId: 'LPR-P-1' }),
    ).toBe(1);
  });
});
