import request from 'supertest';
import { AuditEvent } from '../src/audit-log/audit-event.entity.js';
import { hashPassword } from '../src/auth/passwords.js';
import { User } from '../src/auth/user.entity.js';
import { DiagnosticRatingRecord } from '../src/diagnostics/diagnostic-rating.entity.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { Unit } from '../src/organisations/unit.entity.js';
import { bearer, login, type Session } from './support/auth.js';
import { binaryBody, readPdf } from './support/pdf-text.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

interface Indicator {
  code: string;
  quadrant: string;
  title: string;
  checks: string[];
  rating: string | null;
  note: string | null;
  evidence: { id: string; title: string }[];
  ratedBy: { displayName: string } | null;
  previousRating: string | null;
  trend: string;
}
interface Diagnostic {
  id: string;
  period: number;
  catalogue: { code: string; version: number; paraphrase: boolean };
  quadrants: {
    quadrant: string;
    total: number;
    red: number;
    yellow: number;
    green: number;
    notRated: number;
  }[];
  quadrantTitles: { quadrant: string; title: string }[];
  previous: { id: string; period: number } | null;
  comparison: { improved: number; worse: number; same: number; notComparable: number } | null;
  indicators: Indicator[];
}

describeDb('ISO 18091 Annex A diagnostic', () => {
  let t: TestApp;
  let admin: Session;
  let verifier: Session;
  let management: Session;
  let officer: Session;
  let outsider: Session;
  let org: string;
  let d2026: string;
  let d2025: string;
  let evidenceId: string;
  let foreignEvidenceId: string;

  const put = (s: Session, id: string, code: string, body: object) =>
    request(t.server).put(`/api/diagnostics/${id}/indicators/${code}`).set(bearer(s)).send(body);
  const get = async (id: string, s = admin, lang = 'id') =>
    (await request(t.server).get(`/api/diagnostics/${id}?lang=${lang}`).set(bearer(s)).expect(200))
      .body as Diagnostic;
  const indicator = (d: Diagnostic, code: string) => d.indicators.find((i) => i.code === code)!;
  const snapshot = async () => ({
    ratings: await t.db.getRepository(DiagnosticRatingRecord).find({
      where: { diagnosticId: d2026 },
      relations: { evidence: true },
      order: { id: 'ASC' },
    }),
    events: await t.db.getRepository(AuditEvent).count(),
  });

  beforeAll(async () => {
    t = await startTestApp();
    [admin, verifier, management, officer] = await Promise.all(
      ['admin', 'diagnostic.assessor', 'management', 'officer.dukcapil'].map((u) =>
        login(t.server, u),
      ),
    );
    org = verifier.user.organisationId!;
    const list = (
      await request(t.server)
        .get(`/api/organisations/${org}/diagnostics`)
        .set(bearer(admin))
        .expect(200)
    ).body as Diagnostic[];
    d2026 = list.find((d) => d.period === 2026)!.id;
    d2025 = list.find((d) => d.period === 2025)!.id;
    const [unit] = await t.db.getRepository(Unit).findBy({ organisationId: org, code: 'DUKCAPIL' });
    const [e] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM evidence WHERE unit_id = ${t.config.database.engine === 'postgres' ? '$1' : '?'}`,
      [unit.id],
    );
    evidenceId = e.id;
    // Another local government, with its own outside assessor and one evidence item of its own.
    const other = await t.db.getRepository(Organisation).save({
      code: 'kab-lain',
      name: 'Pemerintah Kabupaten Lain',
      timezone: 'Asia/Makassar',
      reportPrefix: 'LAIN',
    });
    const otherUnit = await t.db
      .getRepository(Unit)
      .save({ organisationId: other.id, code: 'X', name: 'Dinas X' });
    const [foreign] = await t.db.query<{ id: string }[]>(
      `INSERT INTO evidence (id, unit_id, title, status, created_at, updated_at) VALUES ('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', '${otherUnit.id}', 'Bukti lain', 'submitted', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) RETURNING id`,
    );
    foreignEvidenceId = foreign.id;
    await t.db.getRepository(User).save({
      username: 'verifier.lain',
      displayName: 'Verifikator lain',
      role: 'diagnostic_assessor',
      passwordHash: await hashPassword('verifier-lain-2026', t.config.passwordCost),
      organisationId: other.id,
      active: true,
    });
    outsider = await login(t.server, 'verifier.lain', 'verifier-lain-2026');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the demo diagnostics of 2026 and 2025 with their quadrant counts', async () => {
    const res = await request(t.server)
      .get(`/api/organisations/${org}/diagnostics`)
      .set(bearer(management))
      .expect(200);
    const list = res.body as Diagnostic[];
    expect(list.map((d) => d.period)).toEqual([2026, 2025]);
    expect(list[0].catalogue).toMatchObject({
      code: 'iso-18091-annex-a-demo',
      version: 1,
      paraphrase: true,
    });
    expect(list[0].quadrants.map((q) => [q.quadrant, q.total])).toEqual([
      ['institutional', 12],
      ['economic', 7],
      ['social', 12],
      ['environmental', 8],
    ]);
    // 2026 in the demo file: institutional 3 green, 9 yellow; environmental 3 yellow, 4 red … all rated.
    expect(list[0].quadrants[0]).toMatchObject({ red: 0, yellow: 9, green: 3, notRated: 0 });
    expect(list[0].quadrants[3]).toMatchObject({ red: 4, yellow: 4, green: 0, notRated: 0 });
  });

  it('compares each indicator with the previous period, in both languages', async () => {
    const d = await get(d2026);
    expect(d.previous).toEqual({ id: d2025, period: 2025 });
    expect(indicator(d, '1.1')).toMatchObject({
      rating: 'green',
      previousRating: 'yellow',
      trend: 'improved',
    });
    expect(indicator(d, '4.8')).toMatchObject({
      rating: 'red',
      previousRating: 'yellow',
      trend: 'worse',
    });
    expect(indicator(d, '3.6')).toMatchObject({
      rating: 'green',
      previousRating: 'green',
      trend: 'same',
    });
    const c = d.comparison!;
    expect(c.improved + c.worse + c.same + c.notComparable).toBe(39);
    expect(c.worse).toBe(1);
    expect(indicator(d, '1.10').evidence.map((e) => e.title)).toEqual([
      'Laporan Kinerja Instansi Pemerintah (LKjIP) BKD Tahun 2025',
    ]);
    expect(indicator(d, '4.1').title).toBe('Pengelolaan sampah');
    const en = await get(d2026, admin, 'en');
    expect(indicator(en, '4.1').title).toBe('Solid waste management');
    expect(indicator(en, '4.1').checks[0]).toBe('The volume of waste collected is measured');
    expect(en.quadrantTitles[0].title).toBe('Institutional development for good government');
    const first = await get(d2025);
    expect(first.previous).toBeNull();
    expect(first.comparison).toBeNull();
    expect(indicator(first, '1.1').trend).toBe('not_comparable');
  });

  it('lets the outside assessor rate an indicator with a note and evidence, audited', async () => {
    const before = await t.db.getRepository(AuditEvent).count();
    const res = await put(verifier, d2026, '4.8', {
      rating: 'green',
      note: 'Kampanye dilanjutkan bersama 12 sekolah.',
      evidenceIds: [evidenceId],
    }).expect(200);
    expect(res.body).toMatchObject({
      code: '4.8',
      rating: 'green',
      note: 'Kampanye dilanjutkan bersama 12 sekolah.',
      previousRating: 'yellow',
      trend: 'improved',
      ratedBy: { displayName: 'Tim Verifikasi Diagnostik ISO 18091, Universitas (demo)' },
    });
    expect((res.body as Indicator).evidence.map((e) => e.id)).toEqual([evidenceId]);
    const events = await t.db
      .getRepository(AuditEvent)
      .find({ where: { action: 'diagnostic.rate' } });
    expect(await t.db.getRepository(AuditEvent).count()).toBe(before + 1);
    const last = events.find((e) => e.actorId === verifier.user.id && e.entityId === d2026)!;
    expect(last.changes).toMatchObject({
      indicator: { before: '4.8', after: '4.8' },
      rating: { before: 'red', after: 'green' },
      evidenceIds: { before: [], after: [evidenceId] },
    });
    const d = await get(d2026, verifier);
    expect(indicator(d, '4.8')).toMatchObject({ rating: 'green', trend: 'improved' });
    expect(d.quadrants[3]).toMatchObject({ red: 3, green: 1 });
    // null clears: not rated again, and a note left out is kept.
    const cleared = await put(verifier, d2026, '4.8', { rating: null }).expect(200);
    expect(cleared.body).toMatchObject({
      rating: null,
      note: 'Kampanye dilanjutkan bersama 12 sekolah.',
      trend: 'not_comparable',
    });
  });

  it('refuses bad input with the right status and leaves nothing behind', async () => {
    const before = await snapshot();
    const unknown = await put(admin, d2026, '9.9', { rating: 'green' }).expect(404);
    expect(unknown.body.code).toBe('diagnostic_indicator_not_found');
    const colour = await put(admin, d2026, '1.1', { rating: 'blue' }).expect(400);
    expect(colour.body.details).toEqual([
      expect.objectContaining({ field: 'rating', rule: 'isIn' }),
    ]);
    const huge = await put(admin, d2026, '1.1', { note: 'x'.repeat(2001) }).expect(400);
    expect(huge.body.details[0].field).toBe('note');
    const extra = await put(admin, d2026, '1.1', { rating: 'green', colour: 'x' }).expect(400);
    expect(extra.body.details[0].field).toBe('colour');
    // Evidence of another organisation, or none at all: not found, as if it did not exist.
    const foreign = await put(admin, d2026, '1.1', {
      rating: 'green',
      evidenceIds: [foreignEvidenceId],
    }).expect(404);
    expect(foreign.body.code).toBe('not_found');
    await put(admin, d2026, '1.1', {
      evidenceIds: ['00000000-0000-4000-8000-000000000000'],
    }).expect(404);
    await put(admin, d2026, '1.1', { evidenceIds: Array(21).fill(evidenceId) }).expect(400);
    const twice = await request(t.server)
      .post(`/api/organisations/${org}/diagnostics`)
      .set(bearer(admin))
      .send({ period: 2026 })
      .expect(409);
    expect(twice.body.code).toBe('diagnostic_period_exists');
    await request(t.server)
      .post(`/api/organisations/${org}/diagnostics`)
      .set(bearer(admin))
      .send({ period: '2027' })
      .expect(400);
    await request(t.server)
      .post(`/api/organisations/${org}/diagnostics`)
      .set(bearer(admin))
      .send({ period: 2027, catalogue: 'no-such' })
      .expect(404);
    expect(await snapshot()).toEqual(before);
  });

  it('opens a new period with every indicator not rated, compared with the last one', async () => {
    const res = await request(t.server)
      .post(`/api/organisations/${org}/diagnostics?lang=en`)
      .set(bearer(admin))
      .send({ period: 2027, label: '  ' })
      .expect(201);
    const d = res.body as Diagnostic;
    expect(d.indicators).toHaveLength(39);
    expect(d.indicators.every((i) => i.rating === null && i.trend === 'not_comparable')).toBe(true);
    expect(d.previous).toMatchObject({ id: d2026, period: 2026 });
    expect(d.quadrants.map((q) => q.notRated)).toEqual([12, 7, 12, 8]);
    const audit = await t.db
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: 'diagnostic.create', entityId: d.id });
    expect(audit.actorId).toBe(admin.user.id);
  });

  it('takes parallel ratings of one indicator one after the other: the last wins, both audited', async () => {
    const before = await t.db.getRepository(AuditEvent).count();
    const [a, b] = await Promise.all([
      put(admin, d2026, '2.5', { rating: 'yellow', note: 'dari admin' }),
      put(verifier, d2026, '2.5', { rating: 'green', note: 'dari verifikator' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const events = (
      await t.db
        .getRepository(AuditEvent)
        .find({ where: { action: 'diagnostic.rate', entityId: d2026 } })
    ).filter((e) => (e.changes as { indicator?: { after: string } }).indicator?.after === '2.5');
    expect(await t.db.getRepository(AuditEvent).count()).toBe(before + 2);
    expect(events).toHaveLength(2);
    const [first, second] = events.sort(
      (x, y) => x.occurredAt.getTime() - y.occurredAt.getTime() || (x.id < y.id ? -1 : 1),
    );
    const changes = (e: AuditEvent) =>
      e.changes as Record<string, { before: unknown; after: unknown }>;
    // The second saw what the first wrote: its "before" is the first's "after".
    expect(changes(second).note.before).toBe(changes(first).note.after);
    expect(changes(first).rating.before).toBe('red');
    const final = indicator(await get(d2026), '2.5');
    expect(final.note).toBe(changes(second).note.after);
  });

  it('gives an outside assessor their own organisation only, and nothing but diagnostics', async () => {
    await request(t.server).get(`/api/diagnostics/${d2026}`).set(bearer(outsider)).expect(404);
    const rated = await put(outsider, d2026, '1.1', { rating: 'red' }).expect(404);
    expect(rated.body.code).toBe('not_found');
    await request(t.server)
      .get(`/api/organisations/${org}/diagnostics`)
      .set(bearer(outsider))
      .expect(404);
    await request(t.server)
      .post(`/api/organisations/${org}/diagnostics`)
      .set(bearer(verifier))
      .send({ period: 2030 })
      .expect(403);
    const units = await t.db.getRepository(Unit).findBy({ organisationId: org });
    for (const path of [
      '/api/organisations',
      `/api/organisations/${org}/units`,
      `/api/units/${units[0].id}`,
      `/api/units/${units[0].id}/evidence`,
      `/api/evidence/${evidenceId}`,
      '/api/audit-events',
      '/api/standards',
      `/api/organisations/${org}/readiness`,
    ])
      expect([path, (await request(t.server).get(path).set(bearer(verifier))).status]).toEqual([
        path,
        403,
      ]);
    // Officers and the ISO 9001 assessor do not see the city-level diagnostic; management reads only.
    await request(t.server).get(`/api/diagnostics/${d2026}`).set(bearer(officer)).expect(403);
    await request(t.server)
      .get(`/api/diagnostics/${d2026}`)
      .set(bearer(await login(t.server, 'assessor')))
      .expect(403);
    await put(management, d2026, '1.1', { rating: 'red' }).expect(403);
  });

  it('adds the traffic-light matrix to the management summary PDF, for those who may read it', async () => {
    const pdfOf = async (s: Session, lang: string) =>
      readPdf(
        (
          await request(t.server)
            .get(`/api/organisations/${org}/summary.pdf?lang=${lang}`)
            .set(bearer(s))
            .buffer(true)
            .parse(binaryBody)
            .expect(200)
        ).body as Buffer,
      );
    // The newest period (2027, opened above) has nothing rated yet: every light says so in words.
    const en = await pdfOf(management, 'en');
    expect(en.outline).toEqual(expect.arrayContaining(['6 ISO 18091 diagnostic 2027']));
    expect(en.flat).toContain('Sustainable environmental development');
    expect(en.flat).toContain('4.1 Solid waste management Not rated');
    expect(en.flat).toContain('0 red · 0 yellow · 0 green · 8 not rated');
    expect(en.flat).toContain('Compared with 2026:');
    expect(en.flat).toContain("Mutu's demo paraphrase, not the standard's text");
    const id = await pdfOf(admin, 'id');
    expect(id.outline).toEqual(expect.arrayContaining(['6 Diagnostik ISO 18091 tahun 2027']));
    expect(id.flat).toContain('4.1 Pengelolaan sampah Belum dinilai');
    // A quality officer reads the summary (reports.read) but not the city's diagnostic.
    const officerPdf = await pdfOf(officer, 'id');
    expect(officerPdf.flat).not.toContain('Diagnostik ISO 18091');
    expect(officerPdf.outline).toEqual(expect.arrayContaining(['5 Tren kesiapan']));
  });
});
