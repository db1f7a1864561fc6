import request from 'supertest';
import { ClauseAssessment } from '../src/assessments/clause-assessment.entity.js';
import { AuditEvent } from '../src/audit-log/audit-event.entity.js';
import { IssuedReport } from '../src/reports/issued/issued-report.entity.js';
import { bearer, login, type Session } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

type Change = { before: unknown; after: unknown };
type Changes = Record<string, Change>;

/**
 * Parallel changes of one record: no 500, no lost update, one audit event per change that
 * happened (its "before" the true one), and report numbers unique.
 */
describeDb('concurrent changes of one record', () => {
  let t: TestApp;
  let admin: Session;
  let assessor: Session;
  /** Assessments the demo assessor may rate, one per unit. */
  const open: string[] = [];

  const as = (s: Session) => ({
    put: (path: string, body: object) => request(t.server).put(path).set(bearer(s)).send(body),
    post: (path: string, body: object = {}) =>
      request(t.server).post(path).set(bearer(s)).send(body),
    get: (path: string) => request(t.server).get(path).set(bearer(s)),
  });
  const events = (action: string, entityId: string) =>
    t.db.getRepository(AuditEvent).find({ where: { action, entityId } });

  beforeAll(async () => {
    t = await startTestApp();
    [admin, assessor] = await Promise.all([login(t.server, 'admin'), login(t.server, 'assessor')]);
    const [{ id: orgId }] = (await as(admin).get('/api/organisations').expect(200)).body as {
      id: string;
    }[];
    const units = (await as(admin).get(`/api/organisations/${orgId}/units`).expect(200)).body as {
      id: string;
    }[];
    for (const u of units) {
      const list = (await as(admin).get(`/api/units/${u.id}/assessments`).expect(200)).body as {
        id: string;
      }[];
      for (const a of list) {
        const probe = await as(assessor).put(`/api/assessments/${a.id}/clauses/4.1`, {
          applicable: true,
          rating: 'partly_met',
        });
        if (probe.status === 200) {
          open.push(a.id);
          break;
        }
      }
    }
    expect(open.length).toBeGreaterThanOrEqual(3);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('parallel ratings of one clause: all answered, every change audited once with its true before', async () => {
    const id = open[0];
    const n = 12;
    const statuses = (
      await Promise.all(
        Array.from({ length: n }, (_, i) =>
          as(assessor).put(`/api/assessments/${id}/clauses/4.2`, {
            applicable: true,
            rating: i % 2 ? 'met' : 'not_met',
            note: `catatan ke-${i}`,
          }),
        ),
      )
    ).map((r) => r.status);
    expect(statuses).toEqual(Array.from({ length: n }, () => 200));
    const rated = (await events('clause_assessment.rate', id))
      .map((e) => e.changes as Changes)
      .filter((c) => c.clause?.after === '4.2');
    // Every request changed the note: one event each.
    expect(rated).toHaveLength(n);
    // The events form one chain: each starts from the note the previous one left (none lost).
    const befores: unknown[] = rated.map((c) => c.note.before ?? null);
    const afters = rated.map((c) => c.note.after);
    expect(new Set(afters).size).toBe(n);
    expect(befores.filter((b) => b === null)).toHaveLength(1);
    expect(new Set(befores).size).toBe(n);
    for (const b of befores) if (b !== null) expect(afters).toContain(b);
    const last = afters.find((a) => !befores.includes(a)) as string;
    const row = await t.db.getRepository(ClauseAssessment).findOneOrFail({
      where: { assessmentId: id, clause: { number: '4.2' } },
      relations: { clause: true },
    });
    expect(row.note).toBe(last);
  });

  it('parallel transitions of one finding: one succeeds, the others are told 409, one audit event', async () => {
    const id = open[1];
    const finding = await as(assessor)
      .post(`/api/assessments/${id}/findings`, {
        clause: '4.1',
        grade: 'observation',
        statement: 'Notulen tinjauan manajemen belum ditandatangani.',
      })
      .expect(201);
    const fid = (finding.body as { id: string }).id;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        as(assessor).post(`/api/findings/${fid}/transition`, {
          to: 'closed',
          note: `ditutup ke-${i}`,
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409))
      expect(['finding_changed', 'transition_not_allowed']).toContain(r.body.code);
    const moved = await events('finding.transition', fid);
    expect(moved).toHaveLength(1);
    expect((moved[0].changes as Changes).state).toEqual({ before: 'open', after: 'closed' });
    const winner = results.findIndex((r) => r.status === 200);
    expect((moved[0].changes as Changes).note.after).toBe(`ditutup ke-${winner}`);
  });

  it('parallel issuing of one report: one is issued, the others 409; parallel issuing of others: numbers unique', async () => {
    const [, , id, ...others] = open;
    const results = await Promise.all(
      Array.from({ length: 3 }, () => as(assessor).post(`/api/assessments/${id}/reports`)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
    expect(await t.db.getRepository(IssuedReport).countBy({ assessmentId: id })).toBe(1);
    const issued = await events(
      'report.issue',
      (results.find((r) => r.status === 201)!.body as { id: string }).id,
    );
    expect(issued).toHaveLength(1);

    const more = await Promise.all(
      others.slice(0, 2).map((a) => as(assessor).post(`/api/assessments/${a}/reports`)),
    );
    expect(more.map((r) => r.status)).toEqual(more.map(() => 201));
    const rows = await t.db.getRepository(IssuedReport).find();
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => `${r.organisationId}/${r.year}/${r.sequence}`)).size).toBe(
      rows.length,
    );
    expect(await t.db.getRepository(AuditEvent).countBy({ action: 'report.issue' })).toBe(
      rows.length,
    );
  });
});
