import request from 'supertest';
import { Assessment } from '../src/assessments/assessment.entity.js';
import {
  AuditProgramme,
  AuditProgrammeEntry,
} from '../src/audit-programme/audit-programme.entity.js';
import { AuditEvent } from '../src/audit-log/audit-event.entity.js';
import { User } from '../src/auth/user.entity.js';
import { Clock } from '../src/common/clock.js';
import { asBrowser, bearer, login, type Session } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

/** The programme year the tests plan in: far from the demo's, so its entries do not mix in. */
const YEAR = 2031;

describeDb('internal audit programme (9.2)', () => {
  let t: TestApp;
  let admin: Session;
  let officer: Session;
  let otherOfficer: Session;
  let management: Session;
  let org: string;
  let dukcapil: string;
  let programme: string;
  const ids: Record<string, string> = {};

  const counts = async () => ({
    entries: await t.db.getRepository(AuditProgrammeEntry).count(),
    assessments: await t.db.getRepository(Assessment).count(),
    events: await t.db.getRepository(AuditEvent).count(),
  });
  const plan = (body: Record<string, unknown>, s = admin, lang = 'id') =>
    request(t.server)
      .post(`/api/audit-programmes/${programme}/entries?lang=${lang}`)
      .set(bearer(s))
      .send({
        unitId: dukcapil,
        scopeClauses: ['7.5', '8.5.1'],
        scopeProcesses: 'Penerbitan KTP-el',
        plannedStartOn: `${YEAR}-03-02`,
        plannedEndOn: `${YEAR}-03-04`,
        leadAuditorId: ids.assessor,
        criteria: 'ISO 9001:2015; SOP pelayanan KTP-el',
        method: 'on_site',
        ...body,
      });

  beforeAll(async () => {
    t = await startTestApp();
    [admin, officer, otherOfficer, management] = await Promise.all(
      ['admin', 'officer.dukcapil', 'officer.rsud', 'management'].map((u) => login(t.server, u)),
    );
    for (const u of await t.db.getRepository(User).find()) ids[u.username] = u.id;
    [{ id: org }] = (await request(t.server).get('/api/organisations').set(bearer(admin))).body;
    const units = (
      await request(t.server).get(`/api/organisations/${org}/units`).set(bearer(admin))
    ).body as { id: string; code: string }[];
    dukcapil = units.find((u) => u.code === 'DUKCAPIL')!.id;
  });
  afterAll(async () => {
    await t?.close();
  });
  afterEach(() => {
    t.app.get(Clock).now = Clock.prototype.now;
  });

  it('creates one programme per organisation and year, audited', async () => {
    const before = await counts();
    const created = await request(t.server)
      .post(`/api/organisations/${org}/audit-programmes`)
      .set(bearer(admin))
      .send({ year: YEAR })
      .expect(201);
    programme = created.body.id;
    expect(created.body).toMatchObject({ year: YEAR, title: `Program Audit Internal ${YEAR}` });
    expect((await counts()).events).toBe(before.events + 1);
    const again = await request(t.server)
      .post(`/api/organisations/${org}/audit-programmes?lang=en`)
      .set(bearer(admin))
      .send({ year: YEAR, title: 'Again' })
      .expect(409);
    expect(again.body.message).toContain(String(YEAR));
    expect(await t.db.getRepository(AuditProgramme).countBy({ year: YEAR })).toBe(1);
    const list = await request(t.server)
      .get(`/api/organisations/${org}/audit-programmes`)
      .set(bearer(management))
      .expect(200);
    expect(list.body.map((p: { year: number }) => p.year)).toContain(YEAR);
  });

  it('plans an audit with an independent lead auditor', async () => {
    const before = await counts();
    const res = await plan({ teamIds: [ids['officer.rsud']] }).expect(201);
    expect(res.body).toMatchObject({
      unit: { id: dukcapil, code: 'DUKCAPIL' },
      status: 'planned',
      overdue: false,
      months: [3],
      leadAuditor: { username: 'assessor' },
      team: [{ username: 'officer.rsud' }],
      assessmentId: null,
    });
    ids.entry = res.body.id;
    expect(await counts()).toEqual({
      ...before,
      entries: before.entries + 1,
      events: before.events + 1,
    });
  });

  it('refuses an auditor on their own unit with the reason, in the caller language, writing nothing', async () => {
    const before = await counts();
    const res = await plan({ leadAuditorId: ids['officer.dukcapil'] }, admin, 'en').expect(422);
    expect(res.body.code).toBe('auditor_not_independent');
    expect(res.body.message).toMatch(/not independent of this unit/);
    expect(res.body.details).toEqual([
      expect.objectContaining({ field: 'leadAuditorId', rule: 'auditorMemberOfUnit' }),
    ]);
    const id = await plan({ teamIds: [ids['officer.dukcapil']] }).expect(422);
    expect(id.body.message).toMatch(/tidak independen/);
    expect(id.body.details[0]).toMatchObject({ field: 'teamIds', rule: 'auditorMemberOfUnit' });
    expect(await counts()).toEqual(before);
  });

  it('lets an auditor through with a recorded, justified exception', async () => {
    const short = await plan({
      teamIds: [ids['officer.dukcapil']],
      independenceExceptions: [{ userId: ids['officer.dukcapil'], justification: 'kecil' }],
    }).expect(400);
    expect(short.body.details[0].field).toBe('independenceExceptions.0.justification');
    const res = await plan({
      teamIds: [ids['officer.dukcapil']],
      independenceExceptions: [
        {
          userId: ids['officer.dukcapil'],
          justification: 'Satu-satunya auditor bersertifikat untuk proses KTP-el (demo).',
        },
      ],
    }).expect(201);
    expect(res.body.independenceExceptions).toEqual([
      expect.objectContaining({ userId: ids['officer.dukcapil'], recordedById: ids.admin }),
    ]);
  });

  it('names the field of dates out of order or outside the year', async () => {
    const before = await counts();
    const res = await plan({ plannedEndOn: `${YEAR}-03-01` }, admin, 'en').expect(400);
    expect(res.body.details).toEqual([
      expect.objectContaining({ field: 'plannedEndOn', rule: 'notBeforeStart' }),
    ]);
    const year = await plan({
      plannedStartOn: `${YEAR + 1}-01-05`,
      plannedEndOn: `${YEAR + 1}-01-06`,
    });
    expect(year.status).toBe(400);
    expect(year.body.details[0]).toMatchObject({
      field: 'plannedStartOn',
      rule: 'inProgrammeYear',
    });
    for (const bad of [
      { leadAuditorId: null },
      { criteria: 'x'.repeat(10_000) },
      { scopeClauses: ['x'] },
      { teamIds: 'abc' },
    ])
      expect((await plan(bad)).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('keeps entries of other units out of scope, but shows an auditor the entry they are on', async () => {
    // officer.bkd is neither of DUKCAPIL nor on a team: nothing.
    const stranger = await login(t.server, 'officer.bkd');
    await request(t.server)
      .get(`/api/audit-programme-entries/${ids.entry}`)
      .set(bearer(stranger))
      .expect(404);
    const none = await request(t.server)
      .get(`/api/audit-programmes/${programme}`)
      .set(bearer(stranger))
      .expect(200);
    expect(none.body.entries).toEqual([]);
    // officer.rsud is on this entry's team (docs/NOTIFICATIONS.md): that entry, not the other
    // entry of the same unit, and not the unit itself.
    await request(t.server)
      .get(`/api/audit-programme-entries/${ids.entry}`)
      .set(bearer(otherOfficer))
      .expect(200);
    const seen = await request(t.server)
      .get(`/api/audit-programmes/${programme}`)
      .set(bearer(otherOfficer))
      .expect(200);
    expect(seen.body.entries.map((e: { id: string }) => e.id)).toEqual([ids.entry]);
    await request(t.server).get(`/api/units/${dukcapil}`).set(bearer(otherOfficer)).expect(404);
    // On the programme page the unit's name is a link only for a caller who may open the unit.
    const browser = asBrowser(t.server, officer);
    const onTeam = await browser.page(`/audit-programmes/${programme}`, otherOfficer).expect(200);
    expect(onTeam.text).toContain('data-testid="unit-name"');
    expect(onTeam.text).not.toContain(`href="/units/${dukcapil}"`);
    const own = await browser.page(`/audit-programmes/${programme}`).expect(200);
    expect(own.text).toContain(`href="/units/${dukcapil}"`);
    expect(own.text).not.toContain('data-testid="unit-name"');
    await request(t.server)
      .get(`/api/audit-programme-entries/${ids.entry}`)
      .set(bearer(officer))
      .expect(200);
    await plan({}, officer).expect(403);
    await request(t.server)
      .post(`/api/audit-programme-entries/${ids.entry}/start`)
      .set(bearer(officer))
      .expect(403);
  });

  it('flags an audit overdue after its planned end, and postpones it only with a reason', async () => {
    t.app.get(Clock).now = () => new Date(`${YEAR}-03-05T02:00:00Z`);
    const late = await request(t.server)
      .get(`/api/audit-programme-entries/${ids.entry}`)
      .set(bearer(admin))
      .expect(200);
    expect(late.body).toMatchObject({ status: 'planned', overdue: true });
    const prog = await request(t.server)
      .get(`/api/audit-programmes/${programme}`)
      .set(bearer(admin))
      .expect(200);
    expect(prog.body.counts).toMatchObject({ planned: 2, overdue: 2 });
    const noReason = await request(t.server)
      .patch(`/api/audit-programme-entries/${ids.entry}`)
      .set(bearer(admin))
      .send({ status: 'postponed' })
      .expect(400);
    expect(noReason.body.details[0].field).toBe('postponedReason');
    const postponed = await request(t.server)
      .patch(`/api/audit-programme-entries/${ids.entry}`)
      .set(bearer(admin))
      .send({ status: 'postponed', postponedReason: 'Migrasi server SIAK' })
      .expect(200);
    expect(postponed.body).toMatchObject({
      status: 'postponed',
      overdue: false,
      postponedReason: 'Migrasi server SIAK',
    });
    const replanned = await request(t.server)
      .patch(`/api/audit-programme-entries/${ids.entry}`)
      .set(bearer(admin))
      .send({ status: 'planned', plannedStartOn: `${YEAR}-04-06`, plannedEndOn: `${YEAR}-04-07` })
      .expect(200);
    expect(replanned.body).toMatchObject({
      status: 'planned',
      overdue: false,
      months: [4],
      postponedReason: null,
    });
  });

  it('starts the audit as an internal_audit assessment, linked, once', async () => {
    const before = await counts();
    const res = await request(t.server)
      .post(`/api/audit-programme-entries/${ids.entry}/start`)
      .set(bearer(admin))
      .expect(200);
    expect(res.body).toMatchObject({ status: 'in_progress', assessmentState: 'draft' });
    const a = await request(t.server)
      .get(`/api/assessments/${res.body.assessmentId}`)
      .set(bearer(admin))
      .expect(200);
    expect(a.body).toMatchObject({
      type: 'internal_audit',
      startsOn: `${YEAR}-04-06`,
      endsOn: `${YEAR}-04-07`,
      scope: 'Klausul 7.5, 8.5.1 — Penerbitan KTP-el',
    });
    expect(a.body.assessors.map((x: { username: string }) => x.username)).toEqual(['assessor']);
    const after = await counts();
    expect(after.assessments).toBe(before.assessments + 1);
    // The entry's start and the assessment's creation, one transaction.
    expect(after.events).toBe(before.events + 2);
    await request(t.server)
      .post(`/api/audit-programme-entries/${ids.entry}/start`)
      .set(bearer(admin))
      .expect(409);
    const moved = await request(t.server)
      .patch(`/api/audit-programme-entries/${ids.entry}`)
      .set(bearer(admin))
      .send({ plannedEndOn: `${YEAR}-05-01` })
      .expect(409);
    expect(moved.body.code).toBe('audit_entry_started');
  });

  it("refuses an auditor who did the unit's work in the last 12 months", async () => {
    // officer.dukcapil plans nothing, but an admin's change to the unit's records is not audit work.
    const res = await plan({ leadAuditorId: ids['officer.dukcapil'] }).expect(422);
    expect(res.body.details[0].rule).toBe('auditorMemberOfUnit');
    const events = t.db.getRepository(AuditEvent);
    await events.save(
      events.create({
        occurredAt: new Date(),
        actorId: ids['officer.rsud'],
        action: 'evidence.create',
        entity: 'evidence',
        entityId: dukcapil,
        unitId: dukcapil,
        organisationId: org,
      }),
    );
    const worked = await plan({ leadAuditorId: ids['officer.rsud'] }, admin, 'en').expect(422);
    expect(worked.body.details[0]).toMatchObject({
      field: 'leadAuditorId',
      rule: 'auditorDidUnitWork',
    });
  });
});
