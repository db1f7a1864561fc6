import request from 'supertest';
import { Clock } from '../src/common/clock.js';
import { addDays, todayInZone } from '../src/common/dates.js';
import { REVIEW_INPUT_CODES } from '../src/management-review/review-rules.js';
import { periodOfDay } from '../src/objectives/objective-rules.js';
import type { Frequency } from '../src/objectives/objective-types.js';
import { loadReadinessInputs } from '../src/readiness/readiness-data.js';
import { recordOf, startOfWitaDay } from '../src/readiness/readiness-store.js';
import { organisationReadiness, unitReadiness } from '../src/readiness/readiness.js';
import { OrganisationReadinessRecord } from '../src/readiness/organisation-readiness.entity.js';
import { UnitReadinessRecord } from '../src/readiness/unit-readiness.entity.js';
import { bearer, login, type Session } from './support/auth.js';
import { pdf } from './support/files.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';
import { seededRandom } from './support/seeded-random.js';

const RATINGS = ['met', 'partly_met', 'not_met', 'not_assessed'] as const;
const GRADES = ['major', 'minor', 'observation', 'improvement'] as const;
const DEMO_UNITS = ['SETDA', 'RSUD', 'BKD', 'DUKCAPIL'] as const;
const STEPS = Number(process.env.MUTU_PROPERTY_STEPS ?? 100);
const SEEDS = [20261201, 7];
/** The random steps on audits, reviews, risks and objectives. */
const QUALITY_SYSTEM = [
  'planAudit',
  'startAudit',
  'completeAudit',
  'openReview',
  'discuss',
  'closeReview',
  'decide',
  'completeAction',
  'addRisk',
  'treatRisk',
  'withdrawRisk',
  'measure',
];

interface Fixture {
  code: string;
  unitId: string;
  assessmentId: string;
  officer: Session;
  evidence: string[];
  findings: string[];
  /** Open risk register entries (the demo's and those added). */
  risks: string[];
  objectives: { id: string; frequency: Frequency }[];
  /** Management reviews recorded by the test (drafts, until one is closed). */
  reviews: string[];
  /** Audit programme entries planned by the test, and the internal audits started from them. */
  entries: string[];
  audits: string[];
}

describeDb('readiness materialised: the stored result never disagrees with the data', () => {
  let t: TestApp;
  let admin: Session;
  let assessor: Session;
  let orgId: string;
  let leaves: string[];
  let documentLeaves: string[];
  const fixtures: Fixture[] = [];
  let spare: string;
  let programmeId: string;
  let assessorId: string;

  const as = (s: Session) => ({
    get: (path: string) => request(t.server).get(path).set(bearer(s)),
    put: (path: string, body: object) => request(t.server).put(path).set(bearer(s)).send(body),
    post: (path: string, body: object) => request(t.server).post(path).set(bearer(s)).send(body),
    patch: (path: string, body: object) => request(t.server).patch(path).set(bearer(s)).send(body),
  });
  const clock = () => t.app.get(Clock);

  /** Every difference between the stored results and a computation from scratch, as text. */
  async function differences(): Promise<string[]> {
    const now = clock().now();
    const loaded = await loadReadinessInputs(
      t.db.manager,
      { organisationId: orgId },
      todayInZone(now),
    );
    const stored = new Map(
      (await t.db.getRepository(UnitReadinessRecord).findBy({ organisationId: orgId })).map((r) => [
        r.unitId,
        r,
      ]),
    );
    const found: string[] = [];
    for (const u of loaded) {
      const fresh = recordOf(u, unitReadiness(u.input), now);
      const row = stored.get(u.unitId);
      stored.delete(u.unitId);
      if (!row) {
        found.push(`${u.code}: no stored result`);
        continue;
      }
      // Every column but the moment of computing, keys in one order.
      const strip = (r: UnitReadinessRecord): string => {
        const { detail, changesAt, ...columns } = r;
        delete columns.unit;
        const fields: Record<string, unknown> = { ...columns, changesAt: changesAt?.toISOString() };
        delete fields.computedAt;
        delete fields.computedFor;
        return JSON.stringify([Object.entries(fields).sort(), detail]);
      };
      const [a, b] = [strip(row), strip(fresh)];
      if (a !== b) found.push(`${u.code}: stored ${a.slice(0, 300)} ≠ fresh ${b.slice(0, 300)}`);
    }
    for (const unitId of stored.keys()) found.push(`${unitId}: stored for a withdrawn unit`);
    // The organisation's kept totals against the same sums over the fresh results.
    const fresh = loaded.map((u) => recordOf(u, unitReadiness(u.input), now));
    const scored = fresh.filter((r) => r.score !== null);
    const want: Record<string, number> = {
      unitCount: fresh.length,
      readyUnits: fresh.filter((r) => r.blockerCount === 0).length,
      scoredUnits: scored.length,
      unitScoreSum: scored.reduce((n, r) => n + r.score!, 0),
      applicableLeaves: fresh.reduce((n, r) => n + r.applicableLeaves, 0),
      leafScoreSum: fresh.reduce((n, r) => n + r.leafScoreSum, 0),
      overdueActions: fresh.reduce((n, r) => n + r.overdueActions, 0),
      unitsWithOverdueActions: fresh.filter((r) => r.overdueActions > 0).length,
    };
    const kept = await t.db
      .getRepository(OrganisationReadinessRecord)
      .findOneBy({ organisationId: orgId });
    if (!kept) found.push('organisation: no kept totals');
    for (const [field, value] of Object.entries(want)) {
      const got = kept ? Number(kept[field as keyof OrganisationReadinessRecord]) : NaN;
      // A sum of unit scores in another order may differ in the last bits; the rest is exact
      // (counts, and leaf scores in halves).
      const same = field === 'unitScoreSum' ? Math.abs(got - value) < 1e-9 : got === value;
      if (!same) found.push(`organisation ${field}: kept ${got} ≠ fresh ${value}`);
    }
    return found;
  }

  beforeAll(async () => {
    t = await startTestApp();
    [admin, assessor] = await Promise.all(['admin', 'assessor'].map((u) => login(t.server, u)));
    [{ id: orgId }] = (await as(admin).get('/api/organisations')).body;
    const units = (await as(admin).get(`/api/organisations/${orgId}/units`)).body as {
      id: string;
      code: string;
    }[];
    for (const code of DEMO_UNITS) {
      const unitId = units.find((u) => u.code === code)!.id;
      const [cycle] = (await as(admin).get(`/api/units/${unitId}/assessments`)).body;
      const officer = await login(t.server, `officer.${code.toLowerCase()}`);
      const risks = (await as(admin).get(`/api/units/${unitId}/risks`).expect(200)).body as {
        id: string;
      }[];
      const objectives = (await as(admin).get(`/api/units/${unitId}/objectives`).expect(200))
        .body as { id: string; frequency: Frequency }[];
      fixtures.push({
        code,
        unitId,
        assessmentId: cycle.id,
        officer,
        evidence: [],
        findings: [],
        risks: risks.map((r) => r.id),
        objectives: objectives.map(({ id, frequency }) => ({ id, frequency })),
        reviews: [],
        entries: [],
        audits: [],
      });
    }
    // This year's audit programme (the demo may have one already), led by the demo assessor.
    const year = Number(todayInZone(new Date()).slice(0, 4));
    const created = await as(admin).post(`/api/organisations/${orgId}/audit-programmes`, { year });
    programmeId =
      created.status === 201
        ? created.body.id
        : (
            (await as(admin).get(`/api/organisations/${orgId}/audit-programmes`).expect(200))
              .body as { id: string; year: number }[]
          ).find((p) => p.year === year)!.id;
    assessorId = assessor.user.id;
    // A unit added through the API (stored from its creation on), to withdraw and restore.
    spare = (
      await as(admin)
        .post(`/api/organisations/${orgId}/units`, { code: 'UJI', name: 'Unit Uji' })
        .expect(201)
    ).body.id;
    const clauses = await t.db.query<
      { number: string; maintains_documents: unknown; retains_records: unknown }[]
    >(
      `SELECT number, maintains_documents, retains_records FROM clause WHERE is_leaf = :leaf`.replace(
        ':leaf',
        t.db.options.type === 'postgres' ? 'true' : '1',
      ),
    );
    leaves = clauses.map((c) => c.number);
    const yes = (v: unknown) => v === true || v === 1;
    documentLeaves = clauses
      .filter((c) => yes(c.maintains_documents) || yes(c.retains_records))
      .map((c) => c.number);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it.each(SEEDS)(
    'random sequences of changes through the API (seed %i): 0 differences after every step, in each unit and in the organisation’s totals',
    async (seed) => {
      const next = seededRandom(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
      const today = todayInZone(clock().now());
      const day = () => addDays(today, Math.floor(next() * 6) - 1);
      const applied: Record<string, number> = {};
      const refused: Record<string, number> = {};
      const diffs: string[] = [];

      const operations: Record<string, (f: Fixture) => Promise<{ status: number }>> = {
        rate: (f) =>
          as(assessor).put(`/api/assessments/${f.assessmentId}/clauses/${pick(leaves)}`, {
            applicable: next() > 0.1,
            rating: pick(RATINGS),
          }),
        upload: async (f) => {
          const req = request(t.server)
            .post(`/api/units/${f.unitId}/evidence`)
            .set(bearer(f.officer))
            .field('title', `Bukti ${f.evidence.length + 1}`)
            .field('clauses', [pick(documentLeaves), pick(documentLeaves)].join(', '));
          if (next() > 0.3) req.field('validUntil', day());
          const res = await req.attach('file', pdf(), 'bukti.pdf');
          if (res.status === 201) f.evidence.push(res.body.id);
          return res;
        },
        review: (f) =>
          as(assessor).post(`/api/evidence/${pick(f.evidence)}/review`, {
            decision: next() > 0.25 ? 'accepted' : 'rejected',
            reason: 'Belum sesuai',
          }),
        revalidate: (f) =>
          as(f.officer).patch(`/api/evidence/${pick(f.evidence)}`, {
            validUntil: next() > 0.5 ? day() : null,
          }),
        version: (f) =>
          request(t.server)
            .post(`/api/evidence/${pick(f.evidence)}/versions`)
            .set(bearer(f.officer))
            .attach('file', pdf(), 'versi.pdf'),
        withdraw: (f) =>
          as(f.officer).post(`/api/evidence/${pick(f.evidence)}/withdraw`, {
            reason: 'Salah unggah',
          }),
        finding: async (f) => {
          const res = await as(assessor).post(`/api/assessments/${f.assessmentId}/findings`, {
            clause: pick(leaves),
            grade: pick(GRADES),
            statement: 'Temuan acak',
          });
          if (res.status === 201) f.findings.push(res.body.id);
          return res;
        },
        plan: (f) =>
          as(f.officer).put(`/api/findings/${pick(f.findings)}/corrective-action`, {
            correction: 'Koreksi',
            rootCause: 'Akar masalah',
            action: 'Tindakan',
            owner: 'Kepala Bidang',
            dueOn: day(),
          }),
        transition: async (f) => {
          const id = pick(f.findings);
          const to = pick(['planned', 'implemented', 'verified', 'reopened', 'closed'] as const);
          const by = to === 'planned' || to === 'implemented' ? f.officer : assessor;
          return as(by).post(`/api/findings/${id}/transition`, { to, note: 'Catatan' });
        },
        withdrawUnit: () => as(admin).patch(`/api/units/${spare}`, { withdrawn: next() > 0.5 }),

        // Internal audit (9.2): plan, start (an internal_audit assessment), complete (its report).
        planAudit: async (f) => {
          const start = addDays(today, -Math.floor(next() * 20));
          const res = await as(admin).post(`/api/audit-programmes/${programmeId}/entries`, {
            unitId: f.unitId,
            scopeClauses: [pick(leaves)],
            plannedStartOn: start,
            plannedEndOn: next() > 0.2 ? addDays(start, 1) : addDays(start, -1),
            leadAuditorId: assessorId,
            criteria: 'ISO 9001:2015',
            method: 'on_site',
          });
          if (res.status === 201) f.entries.push(res.body.id);
          return res;
        },
        startAudit: async (f) => {
          const res = await as(admin).post(
            `/api/audit-programme-entries/${pick(f.entries)}/start`,
            {},
          );
          if (res.status === 200) f.audits.push(res.body.assessmentId);
          return res;
        },
        completeAudit: (f) =>
          as(assessor).post(`/api/assessments/${pick(f.audits)}/reports?lang=id`, {}),

        // Management review (9.3): record, discuss some inputs, close (422 while any is missing).
        openReview: async (f) => {
          const res = await as(f.officer).post(`/api/units/${f.unitId}/management-reviews`, {
            heldOn: addDays(today, -Math.floor(next() * 40)),
            chair: 'Kepala Dinas',
          });
          if (res.status === 201) f.reviews.push(res.body.id);
          return res;
        },
        discuss: (f) => {
          // Now and then every input at once, so that some reviews can be closed.
          const all = next() > 0.6;
          return as(f.officer).patch(`/api/management-reviews/${pick(f.reviews)}`, {
            inputs: REVIEW_INPUT_CODES.filter(() => all || next() > 0.3).map((code) => ({
              code,
              discussed: all || next() > 0.1,
            })),
          });
        },
        closeReview: (f) =>
          as(f.officer).post(`/api/management-reviews/${pick(f.reviews)}/close`, {}),
        decide: (f) =>
          as(f.officer).post(`/api/management-reviews/${pick(f.reviews)}/decisions`, {
            decision: 'Keputusan acak',
            action: 'Tindak lanjut acak',
            owner: 'Sekretaris',
            dueOn: day(),
          }),
        completeAction: async (f) => {
          const open = (await as(admin).get(`/api/units/${f.unitId}/review-actions`).expect(200))
            .body as { id: string }[];
          return as(f.officer).post(`/api/review-decisions/${pick(open).id}/complete`, {
            note: 'Selesai',
          });
        },

        // Risks and opportunities (6.1): add, treat (or re-rate), withdraw.
        addRisk: async (f) => {
          const kind = next() > 0.3 ? 'risk' : 'opportunity';
          const res = await as(f.officer).post(`/api/units/${f.unitId}/risks`, {
            kind,
            title: 'Risiko acak',
            likelihood: 1 + Math.floor(next() * 5),
            impact: 1 + Math.floor(next() * 5),
            ...(next() > 0.5 ? { treatment: kind === 'risk' ? 'reduce' : 'exploit' } : {}),
          });
          if (res.status === 201) f.risks.push(res.body.id);
          return res;
        },
        treatRisk: (f) =>
          as(f.officer).patch(`/api/risks/${pick(f.risks)}`, {
            ...(next() > 0.5 ? { treatment: null } : { treatment: pick(['reduce', 'accept']) }),
            likelihood: 1 + Math.floor(next() * 5),
            ...(next() > 0.5 ? { reviewedOn: day() } : {}),
          }),
        withdrawRisk: async (f) => {
          const id = pick(f.risks);
          const res = await as(f.officer).post(`/api/risks/${id}/withdraw`, {
            reason: 'Tidak relevan lagi',
          });
          if (res.status === 200) f.risks.splice(f.risks.indexOf(id), 1);
          return res;
        },

        // Quality objectives (6.2, 9.1): a measurement of a recent period (409 when it has one).
        measure: (f) => {
          const o = pick(f.objectives);
          return as(f.officer).post(`/api/objectives/${o.id}/measurements`, {
            // The current period (most likely not measured yet) or an earlier one.
            period: periodOfDay(
              o.frequency,
              next() > 0.5 ? today : addDays(today, -Math.floor(next() * 200)),
            ),
            value: Math.round(next() * 1000) / 10,
          });
        },
      };
      const names = Object.keys(operations);

      for (let step = 0; step < STEPS; step++) {
        const f = pick(fixtures);
        let name = pick(names);
        if (['review', 'revalidate', 'version', 'withdraw'].includes(name) && !f.evidence.length)
          name = 'upload';
        if (['plan', 'transition'].includes(name) && !f.findings.length) name = 'finding';
        if (name === 'completeAudit' && !f.audits.length) name = 'startAudit';
        if (name === 'startAudit' && !f.entries.length) name = 'planAudit';
        if (['discuss', 'closeReview', 'decide'].includes(name) && !f.reviews.length)
          name = 'openReview';
        if (['treatRisk', 'withdrawRisk'].includes(name) && !f.risks.length) name = 'addRisk';
        if (name === 'measure' && !f.objectives.length) name = 'addRisk';
        if (
          name === 'completeAction' &&
          !(await as(admin).get(`/api/units/${f.unitId}/review-actions`)).body.length
        )
          name = f.reviews.length ? 'decide' : 'openReview';
        const res = await operations[name](f);
        expect(res.status).toBeLessThan(500);
        const tally = res.status < 300 ? applied : refused;
        tally[name] = (tally[name] ?? 0) + 1;
        for (const d of await differences()) diffs.push(`step ${step} ${name} ${f.code}: ${d}`);
      }
      if (process.env.MUTU_PROPERTY_TALLY)
        process.stdout.write(`seed ${seed}: ${JSON.stringify({ applied, refused })}\n`);
      expect(diffs).toEqual([]);
      // The sequence really changed things: most steps were applied, of most kinds.
      const total = Object.values(applied).reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThan(STEPS / 2);
      expect(Object.keys(applied).length).toBeGreaterThanOrEqual(7);
      // The quality system's own records were among them (9.2, 9.3, 6.1, 6.2).
      expect(QUALITY_SYSTEM.filter((k) => applied[k]).length).toBeGreaterThanOrEqual(8);

      // And the organisation's totals, read through the API, are those of the fresh computation.
      const loaded = await loadReadinessInputs(
        t.db.manager,
        { organisationId: orgId },
        todayInZone(clock().now()),
      );
      const fresh = organisationReadiness(loaded.map((u) => ({ unitId: u.unitId, ...u.input })));
      const api = (await as(admin).get(`/api/organisations/${orgId}/readiness`).expect(200)).body;
      expect(api).toMatchObject({ unitCount: loaded.length, readyUnits: fresh.readyUnits });
      expect(api.score).toBeCloseTo(fresh.score!, 12);
      expect(api.meanOfUnits).toBeCloseTo(fresh.meanOfUnits!, 12);
      expect(
        api.units.map((u: { unitId: string; score: number | null }) => [u.unitId, u.score]),
      ).toEqual(loaded.map((u, i) => [u.unitId, fresh.units[i].score]));
    },
    600_000,
  );

  it('keeps the organisation’s totals right when units of it are rated at the same moment', async () => {
    // Different units of one organisation written in parallel (on PostgreSQL truly at once): each
    // writer sums the organisation after taking its row, so none stores totals missing another.
    const writes = fixtures.flatMap((f, i) =>
      [0, 1].map((n) =>
        as(assessor).put(`/api/assessments/${f.assessmentId}/clauses/${leaves[i * 2 + n]}`, {
          applicable: true,
          rating: n === 0 ? 'met' : 'not_met',
        }),
      ),
    );
    const statuses = (await Promise.all(writes)).map((r) => r.status);
    expect(statuses).toEqual(statuses.map(() => 200));
    expect(await differences()).toEqual([]);
  });

  it('changes by itself when evidence expires and an action falls due: the next read after the instant sees it', async () => {
    const f = fixtures.find((x) => x.code === 'DUKCAPIL')!;
    const real = new Date();
    const today = todayInZone(real);
    const read = async () =>
      (await as(admin).get(`/api/units/${f.unitId}/readiness`).expect(200)).body as {
        asOf: string;
        overdueActions: number;
        documentedInformation: { covered: number; missing: string[] };
        blockers: { code: string }[];
      };
    // Evidence on a documented-information leaf that has none, valid until the day after tomorrow.
    const [leaf] = (await read()).documentedInformation.missing;
    expect(leaf).toBeDefined();
    const upload = await request(t.server)
      .post(`/api/units/${f.unitId}/evidence`)
      .set(bearer(f.officer))
      .field('title', 'SK berlaku sampai lusa')
      .field('clauses', leaf)
      .field('validUntil', addDays(today, 2))
      .attach('file', pdf(), 'sk.pdf')
      .expect(201);
    await as(assessor)
      .post(`/api/evidence/${upload.body.id}/review`, { decision: 'accepted' })
      .expect(200);
    // A minor nonconformity whose corrective action is due tomorrow.
    const finding = await as(assessor)
      .post(`/api/assessments/${f.assessmentId}/findings`, {
        clause: leaf,
        grade: 'minor',
        statement: 'Tindakan jatuh tempo besok',
      })
      .expect(201);
    await as(f.officer)
      .put(`/api/findings/${finding.body.id}/corrective-action`, {
        correction: 'Koreksi',
        rootCause: 'Akar masalah',
        action: 'Tindakan',
        owner: 'Kepala Bidang',
        dueOn: addDays(today, 1),
      })
      .expect(200);

    const before = await read();
    expect(before.documentedInformation.missing).not.toContain(leaf);
    const overdueBefore = before.overdueActions;
    const stored = await t.db
      .getRepository(UnitReadinessRecord)
      .findOneByOrFail({ unitId: f.unitId });
    // The action is overdue from the day after tomorrow (WITA): the result changes by then.
    expect(stored.changesAt!.getTime()).toBeLessThanOrEqual(
      startOfWitaDay(addDays(today, 2)).getTime(),
    );

    try {
      // Still tomorrow (the due day itself): nothing has changed.
      clock().now = () => new Date(startOfWitaDay(addDays(today, 1)).getTime() + 3_600_000);
      expect((await read()).overdueActions).toBe(overdueBefore);
      // The day after tomorrow: the action is overdue, the evidence still valid (its last day).
      clock().now = () => new Date(startOfWitaDay(addDays(today, 2)).getTime() + 60_000);
      const due = await read();
      expect(due.asOf).toBe(addDays(today, 2));
      expect(due.overdueActions).toBe(overdueBefore + 1);
      expect(due.blockers.map((b) => b.code)).toContain('corrective_actions_overdue');
      expect(due.documentedInformation.missing).not.toContain(leaf);
      // Three days on: the evidence has expired too, and the leaf misses its document again.
      clock().now = () => new Date(startOfWitaDay(addDays(today, 3)).getTime() + 60_000);
      const expired = await read();
      expect(expired.documentedInformation.missing).toContain(leaf);
      expect(expired.documentedInformation.covered).toBe(before.documentedInformation.covered - 1);
      // The organisation roll-up reads the same moved result.
      const org = (await as(admin).get(`/api/organisations/${orgId}/readiness`).expect(200)).body;
      const unit = org.units.find((u: { unitId: string }) => u.unitId === f.unitId);
      // (The random steps may have planned actions due by now as well: the same count as the unit's.)
      expect(unit.overdueActions).toBe(expired.overdueActions);
      expect(await differences()).toEqual([]);
    } finally {
      clock().now = () => new Date();
    }
  });
});
