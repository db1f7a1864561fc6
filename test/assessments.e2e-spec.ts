import request from 'supertest';
import { Assessment } from '../src/assessments/assessment.entity.js';
import { ClauseAssessment } from '../src/assessments/clause-assessment.entity.js';
import { AuditEvent } from '../src/audit-log/audit-event.entity.js';
import { addDays, todayInZone } from '../src/common/dates.js';
import { CorrectiveAction } from '../src/findings/corrective-action.entity.js';
import { Finding } from '../src/findings/finding.entity.js';
import { ReadinessSnapshot } from '../src/readiness/readiness-snapshot.entity.js';
import { snapshotUnits } from '../src/readiness/readiness-snapshots.js';
import { bearer, login, type Session } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

interface ClauseRating {
  number: string;
  title: { id: string; en: string };
  applicable: boolean;
  justification: string | null;
  rating: string;
  note: string | null;
}

interface FindingBody {
  id: string;
  number: number;
  reference: string;
  grade: string;
  state: string;
  overdue: boolean;
  allowedTransitions: string[];
  correctiveAction: null | {
    correction: string | null;
    rootCause: string | null;
    action: string | null;
    owner: string | null;
    dueOn: string | null;
    plannedAt: string | null;
    implementedAt: string | null;
    verifiedAt: string | null;
    closedAt: string | null;
  };
  history: { from: string; to: string; note: string | null; actor: { displayName: string } }[];
}

const today = todayInZone(new Date());

const PLAN = {
  correction: 'Alat tanpa kalibrasi berlaku ditarik dari pemakaian.',
  rootCause: 'Kalibrasi tahunan tidak dianggarkan dan tidak ada daftar jatuh tempo.',
  action: 'Menyusun daftar jatuh tempo kalibrasi dan menganggarkannya setiap tahun.',
  owner: 'Kepala Subbagian Umum',
};

describeDb('gap assessment through the API: cycles, ratings, findings, corrective actions', () => {
  let t: TestApp;
  let admin: Session;
  let assessor: Session;
  let setda: Session;
  let rsud: Session;
  let management: Session;
  let units: Record<string, string>;
  let assessmentId: string;
  const findings: Record<string, string> = {};

  const as = (s: Session) => ({
    get: (path: string) => request(t.server).get(path).set(bearer(s)),
    post: (path: string, body: object) => request(t.server).post(path).set(bearer(s)).send(body),
    put: (path: string, body: object) => request(t.server).put(path).set(bearer(s)).send(body),
    patch: (path: string, body: object) => request(t.server).patch(path).set(bearer(s)).send(body),
  });
  const auditCount = async (): Promise<number> => t.db.getRepository(AuditEvent).count();
  const snapshots = (unitId: string) =>
    t.db.getRepository(ReadinessSnapshot).find({ where: { unitId }, order: { takenAt: 'ASC' } });
  const readiness = async (unitId: string) =>
    (await as(admin).get(`/api/units/${unitId}/readiness`).expect(200)).body as {
      score: number;
      percent: number;
      ready: boolean;
      assessmentId: string;
      blockers: { code: string; message: string; params: Record<string, unknown> }[];
      counts: { applicable: number; met: number; notApplicable: number };
    };
  const clause = async (number: string): Promise<ClauseRating> => {
    const res = await as(admin).get(`/api/assessments/${assessmentId}`).expect(200);
    return (res.body.clauses as ClauseRating[]).find((c) => c.number === number)!;
  };

  beforeAll(async () => {
    t = await startTestApp();
    [admin, assessor, setda, rsud, management] = await Promise.all(
      ['admin', 'assessor', 'officer.setda', 'officer.rsud', 'management'].map((u) =>
        login(t.server, u),
      ),
    );
    const [org] = (await as(admin).get('/api/organisations')).body as { id: string }[];
    const list = (await as(admin).get(`/api/organisations/${org.id}/units`)).body as {
      id: string;
      code: string;
    }[];
    units = Object.fromEntries(list.map((u) => [u.code, u.id]));
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('cycles', () => {
    it('starts a gap assessment with a not-assessed row for every leaf clause, and makes it current', async () => {
      const before = await snapshots(units.SETDA);
      const res = await as(assessor)
        .post(`/api/units/${units.SETDA}/assessments`, {
          type: 'gap_assessment',
          title: 'Gap assessment lanjutan — Setda',
          startsOn: today,
          endsOn: addDays(today, 4),
          scope: 'Layanan persuratan dan pengadaan barang/jasa',
        })
        .expect(201);
      assessmentId = res.body.id;
      expect(res.body).toMatchObject({
        unitId: units.SETDA,
        unit: { code: 'SETDA' },
        standard: 'iso-9001-2015',
        type: 'gap_assessment',
        state: 'draft',
        startsOn: today,
        current: true,
        assessors: [{ username: 'assessor' }],
        summary: { leaves: 65, applicable: 65, notAssessed: 65, met: 0, score: 0, percent: 0 },
      });
      const clauses = res.body.clauses as ClauseRating[];
      expect(clauses).toHaveLength(65);
      expect(clauses[0]).toEqual(
        expect.objectContaining({
          number: '4.1',
          title: { id: expect.any(String), en: 'Understanding the organization and its context' },
          applicable: true,
          rating: 'not_assessed',
          justification: null,
          note: null,
        }),
      );
      // 10.x after 9.x: natural clause order.
      expect(clauses.at(-1)!.number).toBe('10.3');

      const list = await as(setda).get(`/api/units/${units.SETDA}/assessments`).expect(200);
      expect(list.body.map((a: { id: string; current: boolean }) => [a.id, a.current])).toEqual([
        [assessmentId, true],
        [expect.any(String), false],
      ]);
      // The unit's readiness now reads the new, unrated cycle: score 0, and a snapshot says so.
      const r = await readiness(units.SETDA);
      expect(r).toMatchObject({ assessmentId, score: 0, ready: false });
      const after = await snapshots(units.SETDA);
      expect(after).toHaveLength(before.length + 1);
      expect(after.at(-1)).toMatchObject({ score: 0, ready: false });
      const [event] = await t.db
        .getRepository(AuditEvent)
        .findBy({ action: 'assessment.create', entityId: assessmentId });
      expect(event).toMatchObject({
        actorId: assessor.user.id,
        unitId: units.SETDA,
        changes: expect.objectContaining({ state: { before: null, after: 'draft' } }),
      });
    });

    it('starts a cycle from the previous one, copying applicability, justifications, ratings and notes', async () => {
      const demo = (await as(admin).get(`/api/units/${units.DUKCAPIL}/assessments`)).body[0];
      const previous = (await as(admin).get(`/api/assessments/${demo.id}`)).body;
      const res = await as(admin)
        .post(`/api/units/${units.DUKCAPIL}/assessments`, {
          type: 'internal_audit',
          title: 'Audit internal 2027 — Dukcapil',
          startsOn: addDays(demo.startsOn, 1),
          assessorIds: [assessor.user.id],
          previousAssessmentId: demo.id,
        })
        .expect(201);
      expect(res.body).toMatchObject({
        previousAssessmentId: demo.id,
        type: 'internal_audit',
        assessors: [{ id: assessor.user.id }],
      });
      const pick = (c: ClauseRating) => [c.number, c.applicable, c.justification, c.rating, c.note];
      expect(res.body.clauses.map(pick)).toEqual(previous.clauses.map(pick));
      expect(res.body.summary.score).toBe(previous.summary.score);
      // A copy is not the same rows: rating the new cycle leaves the old one alone.
      expect(
        await t.db.getRepository(ClauseAssessment).countBy({ assessmentId: res.body.id }),
      ).toBe(65);
    });

    it('refuses a previous cycle of another unit, an end before the start and unknown assessors', async () => {
      const events = await auditCount();
      const rsudCycle = (await as(admin).get(`/api/units/${units.RSUD}/assessments`)).body[0];
      const cycles = await t.db.getRepository(Assessment).count();
      const other = await as(admin)
        .post(`/api/units/${units.SETDA}/assessments`, {
          type: 'surveillance',
          title: 'Salah',
          startsOn: today,
          previousAssessmentId: rsudCycle.id,
        })
        .expect(422);
      expect(other.body).toMatchObject({
        code: 'previous_assessment_invalid',
        details: [{ field: 'previousAssessmentId', rule: 'sameUnitAndStandard' }],
      });
      const dates = await as(admin)
        .post(`/api/units/${units.SETDA}/assessments`, {
          type: 'stage_1',
          title: 'Salah',
          startsOn: today,
          endsOn: addDays(today, -1),
        })
        .expect(400);
      expect(dates.body.details).toEqual([
        { field: 'endsOn', rule: 'notBeforeStart', message: 'tidak boleh sebelum tanggal mulai' },
      ]);
      const people = await as(admin)
        .post(`/api/units/${units.SETDA}/assessments`, {
          type: 'stage_1',
          title: 'Salah',
          startsOn: today,
          assessorIds: [setda.user.id],
        })
        .expect(400);
      expect(people.body.details).toEqual([
        expect.objectContaining({ field: 'assessorIds', rule: 'unknownAssessors' }),
      ]);
      const bad = await as(admin)
        .post(`/api/units/${units.SETDA}/assessments`, {
          type: 'audit',
          title: '',
          startsOn: '2026-02-30',
        })
        .expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'startsOn',
        'title',
        'type',
      ]);
      expect(await t.db.getRepository(Assessment).count()).toBe(cycles);
      expect(await auditCount()).toBe(events);
    });

    it('starts a draft by hand and refuses any other state jump with the allowed steps', async () => {
      const started = await as(assessor)
        .patch(`/api/assessments/${assessmentId}`, {
          state: 'in_progress',
          title: 'Gap assessment 2 — Setda',
        })
        .expect(200);
      expect(started.body).toMatchObject({
        state: 'in_progress',
        title: 'Gap assessment 2 — Setda',
      });
      for (const to of ['reported', 'draft']) {
        const res = await as(assessor)
          .patch(`/api/assessments/${assessmentId}`, { state: to })
          .expect(409);
        expect(res.body).toMatchObject({
          code: 'assessment_state_not_allowed',
          details: { from: 'in_progress', to, allowed: [] },
        });
      }
      const events = await t.db
        .getRepository(AuditEvent)
        .findBy({ action: 'assessment.update', entityId: assessmentId });
      expect(events).toHaveLength(1);
      expect(events[0].changes).toEqual({
        state: { before: 'draft', after: 'in_progress' },
        title: { before: 'Gap assessment lanjutan — Setda', after: 'Gap assessment 2 — Setda' },
      });
    });
  });

  describe('clause ratings', () => {
    it('rates a leaf clause, and readiness follows', async () => {
      const snapshotsBefore = (await snapshots(units.SETDA)).length;
      const res = await as(assessor)
        .put(`/api/assessments/${assessmentId}/clauses/4.1`, {
          applicable: true,
          rating: 'met',
          note: '  Renstra 2025–2029 memuat isu internal dan eksternal.  ',
        })
        .expect(200);
      expect(res.body).toMatchObject({
        number: '4.1',
        applicable: true,
        rating: 'met',
        note: 'Renstra 2025–2029 memuat isu internal dan eksternal.',
        justification: null,
      });
      const r = await readiness(units.SETDA);
      expect(r.score).toBeCloseTo(1 / 65, 12);
      expect((await snapshots(units.SETDA)).length).toBe(snapshotsBefore + 1);

      // A note alone does not move readiness: audited, but no new snapshot.
      await as(assessor)
        .put(`/api/assessments/${assessmentId}/clauses/4.1`, {
          applicable: true,
          rating: 'met',
          note: 'Renstra 2025–2029.',
        })
        .expect(200);
      expect((await snapshots(units.SETDA)).length).toBe(snapshotsBefore + 1);
      const events = await t.db
        .getRepository(AuditEvent)
        .findBy({ action: 'clause_assessment.rate', entityId: assessmentId });
      expect(events.map((e) => e.changes)).toEqual([
        {
          clause: { before: '4.1', after: '4.1' },
          rating: { before: 'not_assessed', after: 'met' },
          note: { before: null, after: 'Renstra 2025–2029 memuat isu internal dan eksternal.' },
        },
        {
          clause: { before: '4.1', after: '4.1' },
          note: {
            before: 'Renstra 2025–2029 memuat isu internal dan eksternal.',
            after: 'Renstra 2025–2029.',
          },
        },
      ]);
    });

    it('excludes a clause with the justification 4.3 asks for, and leaves it out of the score', async () => {
      const res = await as(assessor)
        .put(`/api/assessments/${assessmentId}/clauses/8.3.1`, {
          applicable: false,
          justification: 'Setda tidak merancang layanan baru; layanan ditetapkan peraturan.',
        })
        .expect(200);
      expect(res.body).toMatchObject({ applicable: false, rating: 'not_assessed' });
      const r = await readiness(units.SETDA);
      expect(r.counts).toMatchObject({ applicable: 64, notApplicable: 1, met: 1 });
      expect(r.score).toBeCloseTo(1 / 64, 12);
    });

    it('refuses every bad rating with a clear 4xx, writing nothing', async () => {
      const events = await auditCount();
      const snaps = (await snapshots(units.SETDA)).length;
      const put = (number: string, body: object) =>
        as(assessor).put(`/api/assessments/${assessmentId}/clauses/${number}`, body);

      const parent = await put('8.3', { applicable: true, rating: 'met' }).expect(422);
      expect(parent.body).toMatchObject({
        code: 'rating_parent_clause',
        details: { leaves: ['8.3.1', '8.3.2', '8.3.3', '8.3.4', '8.3.5', '8.3.6'] },
      });
      expect(parent.body.message).toContain('8.3.1, 8.3.2');

      const unknown = await put('11.1', { applicable: true, rating: 'met' }).expect(404);
      expect(unknown.body).toMatchObject({
        code: 'clause_not_found',
        message: 'Klausul 11.1 tidak ada dalam standar iso-9001-2015.',
      });
      const malformed = await put('4.x', { applicable: true, rating: 'met' }).expect(400);
      expect(malformed.body.code).toBe('invalid_code');

      const noReason = await put('8.3.2', { applicable: false, justification: '   ' }).expect(400);
      expect(noReason.body.details).toEqual([
        {
          field: 'justification',
          rule: 'justificationRequired',
          message: 'wajib diisi jika klausul tidak diterapkan (klausul 4.3 ISO 9001)',
        },
      ]);
      const noRating = await put('4.2', { applicable: true }).expect(400);
      expect(noRating.body.details).toEqual([
        { field: 'rating', rule: 'isDefined', message: 'wajib diisi' },
      ]);
      const ratedExclusion = await put('8.3.2', {
        applicable: false,
        rating: 'met',
        justification: 'x',
      }).expect(400);
      expect(ratedExclusion.body.details[0]).toMatchObject({
        field: 'rating',
        rule: 'notApplicableRated',
      });
      const wrong = await put('4.2', { applicable: 'yes', rating: 'excellent', extra: 1 }).expect(
        400,
      );
      expect(wrong.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'applicable',
        'extra',
        'rating',
      ]);

      expect(await clause('8.3.2')).toMatchObject({ applicable: true, rating: 'not_assessed' });
      expect(await clause('4.2')).toMatchObject({ rating: 'not_assessed' });
      expect(await auditCount()).toBe(events);
      expect((await snapshots(units.SETDA)).length).toBe(snaps);
    });

    it('lets only an assessor assigned to the assessment rate it', async () => {
      const other = await as(admin)
        .post('/api/users', {
          username: 'assessor.lain',
          displayName: 'Asesor Lain (uji)',
          role: 'assessor',
          password: 'asesor-lain-2026',
        })
        .expect(201);
      // An earlier cycle of BKD assigned to the new assessor only.
      const [bkd] = (await as(admin).get(`/api/units/${units.BKD}/assessments`)).body;
      const solo = await as(admin)
        .post(`/api/units/${units.BKD}/assessments`, {
          type: 'stage_1',
          title: 'Stage 1 — BKD',
          startsOn: addDays(bkd.startsOn, -400),
          assessorIds: [other.body.id],
        })
        .expect(201);
      // The demo assessor sees BKD (through its demo cycle) but is not on this one.
      const refused = await as(assessor)
        .put(`/api/assessments/${solo.body.id}/clauses/4.1`, { applicable: true, rating: 'met' })
        .expect(403);
      expect(refused.body).toMatchObject({
        code: 'not_assigned_assessor',
        message: 'Hanya asesor yang ditugaskan pada penilaian ini yang dapat melakukannya.',
      });
      await as(assessor)
        .post(`/api/assessments/${solo.body.id}/findings`, {
          clause: '4.1',
          grade: 'minor',
          statement: 'x',
        })
        .expect(403);
      // The new assessor rates their own cycle, and does not see Setda at all.
      const lain = await login(t.server, 'assessor.lain', 'asesor-lain-2026');
      await as(lain)
        .put(`/api/assessments/${solo.body.id}/clauses/4.1`, { applicable: true, rating: 'met' })
        .expect(200);
      await as(lain)
        .put(`/api/assessments/${assessmentId}/clauses/4.2`, { applicable: true, rating: 'met' })
        .expect(404);
      expect(await clause('4.2')).toMatchObject({ rating: 'not_assessed' });
    });
  });

  describe('findings and corrective actions', () => {
    it('records a finding of each grade, numbered in order; nonconformities get a due date', async () => {
      const snaps = (await snapshots(units.SETDA)).length;
      const evidence = await t.db.query<{ id: string }[]>(
        `SELECT id FROM evidence WHERE unit_id = ${t.config.database.engine === 'postgres' ? '$1' : '?'}`,
        [units.SETDA],
      );
      const cases = [
        ['major', '7.1.5.1', 'Timbangan arsip tanpa label kalibrasi.'],
        ['minor', '9.2.1', 'Program audit internal belum disusun.'],
        ['observation', '7.5.2', 'Tiga surat tanpa nomor agenda.'],
        ['improvement', '8.4.1', 'Penilaian penyedia dapat diperluas.'],
      ] as const;
      for (const [i, [grade, clauseNumber, statement]] of cases.entries()) {
        const res = await as(assessor)
          .post(`/api/assessments/${assessmentId}/findings`, {
            clause: clauseNumber,
            grade,
            statement,
            objectiveEvidence: 'Pengamatan 23 November 2026.',
            evidenceIds: i === 0 ? [evidence[0].id] : undefined,
          })
          .expect(201);
        findings[grade] = res.body.id;
        expect(res.body).toMatchObject({
          number: i + 1,
          reference: `T-0${i + 1}`,
          grade,
          state: 'open',
          clause: { number: clauseNumber },
          overdue: false,
          // The assessor takes no step on an open nonconformity; they close observations.
          allowedTransitions: grade === 'major' || grade === 'minor' ? [] : ['closed'],
        });
        if (grade === 'major' || grade === 'minor')
          expect(res.body.correctiveAction).toMatchObject({
            dueOn: addDays(today, 90),
            correction: null,
            plannedAt: null,
          });
        else expect(res.body.correctiveAction).toBeNull();
      }
      const first = await as(setda).get(`/api/findings/${findings.major}`).expect(200);
      expect(first.body.evidence).toEqual([{ id: evidence[0].id, title: expect.any(String) }]);
      expect(first.body.allowedTransitions).toEqual(['planned']);
      const list = await as(management)
        .get(`/api/assessments/${assessmentId}/findings`)
        .expect(200);
      expect(list.body.map((f: FindingBody) => f.reference)).toEqual([
        'T-01',
        'T-02',
        'T-03',
        'T-04',
      ]);
      const r = await readiness(units.SETDA);
      expect(r.blockers.find((b) => b.code === 'major_open')).toEqual({
        code: 'major_open',
        message: '1 ketidaksesuaian mayor masih terbuka',
        params: { count: 1 },
      });
      expect(
        (
          await t.db
            .getRepository(AuditEvent)
            .findBy({ action: 'finding.create', unitId: units.SETDA })
        ).length,
      ).toBe(4);
      // Findings moved no score and no ready flag (it was already not ready): no snapshot.
      expect((await snapshots(units.SETDA)).length).toBe(snaps);
    });

    it('refuses a finding on a clause outside the standard, foreign evidence, and the wrong people', async () => {
      const events = await auditCount();
      const count = await t.db.getRepository(Finding).count();
      const outside = await as(assessor)
        .post(`/api/assessments/${assessmentId}/findings`, {
          clause: '11.2',
          grade: 'minor',
          statement: 'x',
        })
        .expect(422);
      expect(outside.body).toMatchObject({
        code: 'clause_not_in_standard',
        details: [{ field: 'clause', rule: 'clauseNotInStandard', values: ['11.2'] }],
      });
      const [foreign] = await t.db.query<{ id: string }[]>(
        `SELECT id FROM evidence WHERE unit_id = ${t.config.database.engine === 'postgres' ? '$1' : '?'}`,
        [units.RSUD],
      );
      const evidence = await as(assessor)
        .post(`/api/assessments/${assessmentId}/findings`, {
          clause: '7.1.5.1',
          grade: 'minor',
          statement: 'x',
          evidenceIds: [foreign.id],
        })
        .expect(422);
      expect(evidence.body).toMatchObject({
        code: 'evidence_not_in_unit',
        details: [{ field: 'evidenceIds', values: [foreign.id] }],
      });
      await as(setda)
        .post(`/api/assessments/${assessmentId}/findings`, {
          clause: '4.1',
          grade: 'minor',
          statement: 'x',
        })
        .expect(403);
      await as(management)
        .post(`/api/assessments/${assessmentId}/findings`, {
          clause: '4.1',
          grade: 'minor',
          statement: 'x',
        })
        .expect(403);
      const bad = await as(assessor)
        .post(`/api/assessments/${assessmentId}/findings`, { clause: '4', grade: 'critical' })
        .expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'grade',
        'statement',
      ]);
      expect(await t.db.getRepository(Finding).count()).toBe(count);
      expect(await auditCount()).toBe(events);
    });

    it('takes a major nonconformity through its life cycle: plan, implement, reopen, verify, close', async () => {
      const id = findings.major;
      const move = (s: Session, to: string, note?: string) =>
        as(s).post(`/api/findings/${id}/transition`, note === undefined ? { to } : { to, note });

      const past = await as(setda)
        .put(`/api/findings/${id}/corrective-action`, { ...PLAN, dueOn: addDays(today, -1) })
        .expect(422);
      expect(past.body).toMatchObject({
        code: 'due_date_in_past',
        details: [{ field: 'dueOn', rule: 'notInPast', message: 'tidak boleh sebelum hari ini' }],
      });
      expect(past.body.message).toContain(addDays(today, -1));
      const untouched = await t.db
        .getRepository(CorrectiveAction)
        .findOneByOrFail({ findingId: id });
      expect(untouched).toMatchObject({ correction: null, dueOn: addDays(today, 90) });

      await as(assessor).put(`/api/findings/${id}/corrective-action`, PLAN).expect(403);
      const planned = await as(setda)
        .put(`/api/findings/${id}/corrective-action`, { ...PLAN, dueOn: addDays(today, 30) })
        .expect(200);
      expect(planned.body.correctiveAction).toMatchObject({ ...PLAN, dueOn: addDays(today, 30) });

      const early = await move(assessor, 'verified').expect(409);
      expect(early.body).toMatchObject({
        code: 'transition_not_allowed',
        details: { from: 'open', to: 'verified', allowed: [] },
      });
      expect(early.body.message).toBe(
        'Temuan berstatus terbuka tidak dapat diubah menjadi terverifikasi. Langkah yang dapat Anda ambil sekarang: tidak ada.',
      );
      const officerEarly = await move(setda, 'verified').expect(409);
      expect(officerEarly.body.details.allowed).toEqual(['planned']);
      expect(officerEarly.body.message).toMatch(/sekarang: tindakan direncanakan\.$/);

      const step1 = await move(setda, 'planned').expect(200);
      expect(step1.body).toMatchObject({ state: 'planned', allowedTransitions: ['implemented'] });
      expect(step1.body.correctiveAction.plannedAt).toEqual(expect.any(String));

      const wrongRole = await move(assessor, 'implemented').expect(403);
      expect(wrongRole.body).toMatchObject({
        code: 'transition_role_not_allowed',
        message:
          'Perubahan status menjadi tindakan dilaksanakan dilakukan oleh Koordinator mutu, bukan oleh peran Anda.',
      });
      const inEnglish = await move(assessor, 'implemented')
        .set('Accept-Language', 'en')
        .expect(403);
      expect(inEnglish.body.message).toBe(
        'Moving a finding to action implemented is done by the Quality officer, not by your role.',
      );
      await move(management, 'implemented').expect(403);
      await move(admin, 'implemented').expect(403);

      await move(setda, 'implemented').expect(200);
      const locked = await as(setda).put(`/api/findings/${id}/corrective-action`, PLAN).expect(409);
      expect(locked.body.code).toBe('corrective_action_locked');
      await move(setda, 'verified').expect(403);

      const noNote = await move(assessor, 'reopened', '  ').expect(422);
      expect(noNote.body).toMatchObject({
        code: 'note_required',
        details: [{ field: 'note', rule: 'requiredForStep' }],
      });
      const reopened = await move(
        assessor,
        'reopened',
        'Label kalibrasi belum dipasang pada dua alat.',
      ).expect(200);
      expect(reopened.body).toMatchObject({ state: 'reopened', allowedTransitions: [] });
      await move(setda, 'implemented').expect(200);

      const blockedBefore = (await readiness(units.SETDA)).blockers.map((b) => b.code);
      expect(blockedBefore).toContain('major_open');
      const verified = await move(assessor, 'verified').expect(200);
      expect(verified.body.correctiveAction.verifiedAt).toEqual(expect.any(String));
      expect((await readiness(units.SETDA)).blockers.map((b) => b.code)).not.toContain(
        'major_open',
      );

      const closed = await move(assessor, 'closed').expect(200);
      expect(closed.body.state).toBe('closed');
      expect(closed.body.correctiveAction).toMatchObject({
        plannedAt: expect.any(String),
        implementedAt: expect.any(String),
        verifiedAt: expect.any(String),
        closedAt: expect.any(String),
      });
      expect(
        closed.body.history.map((h: FindingBody['history'][number]) => [h.from, h.to, h.note]),
      ).toEqual([
        ['open', 'planned', null],
        ['planned', 'implemented', null],
        ['implemented', 'reopened', 'Label kalibrasi belum dipasang pada dua alat.'],
        ['reopened', 'implemented', null],
        ['implemented', 'verified', null],
        ['verified', 'closed', null],
      ]);
      expect(closed.body.history[0].actor.displayName).toMatch(/Yohana/);
      const after = await move(assessor, 'reopened', 'x').expect(409);
      expect(after.body.details.allowed).toEqual([]);

      // One audit event per step taken, none for the refusals.
      const events = await t.db
        .getRepository(AuditEvent)
        .findBy({ entity: 'finding', entityId: id });
      expect(events.map((e) => e.action).sort()).toEqual([
        'finding.create',
        'finding.plan',
        ...Array(6).fill('finding.transition'),
      ]);
    });

    it('keeps a half-written plan but refuses to plan with it, naming what is missing', async () => {
      const id = findings.minor;
      await as(setda)
        .put(`/api/findings/${id}/corrective-action`, { ...PLAN, rootCause: '', owner: ' ' })
        .expect(200);
      const res = await as(setda)
        .post(`/api/findings/${id}/transition`, { to: 'planned' })
        .expect(422);
      expect(res.body).toMatchObject({
        code: 'corrective_action_incomplete',
        message: 'Lengkapi tindakan korektif terlebih dahulu: akar masalah, penanggung jawab.',
        details: [
          { field: 'rootCause', rule: 'requiredForStep' },
          { field: 'owner', rule: 'requiredForStep' },
        ],
      });
      expect((await as(setda).get(`/api/findings/${id}`)).body.state).toBe('open');
      const empty = await as(setda).put(`/api/findings/${id}/corrective-action`, {}).expect(400);
      expect(empty.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'action',
        'correction',
        'owner',
        'rootCause',
      ]);
    });

    it('closes an observation with a note; it has no corrective action to write', async () => {
      const noPlan = await as(setda)
        .put(`/api/findings/${findings.observation}/corrective-action`, PLAN)
        .expect(422);
      expect(noPlan.body.code).toBe('no_corrective_action');
      await as(setda)
        .post(`/api/findings/${findings.observation}/transition`, { to: 'closed', note: 'x' })
        .expect(403);
      const closed = await as(assessor)
        .post(`/api/findings/${findings.observation}/transition`, {
          to: 'closed',
          note: 'Dicatat untuk audit internal berikutnya.',
        })
        .expect(200);
      expect(closed.body).toMatchObject({ state: 'closed', correctiveAction: null });
    });

    it('shows a corrective action past its due date as overdue, and readiness blocks on it', async () => {
      const id = findings.minor;
      await t.db
        .getRepository(CorrectiveAction)
        .update({ findingId: id }, { dueOn: addDays(today, -3) });
      // A direct write bypasses the services that keep the stored readiness current: recompute.
      await t.db.transaction((m) => snapshotUnits(m, { unitIds: [units.SETDA] }));
      const res = await as(setda).get(`/api/findings/${id}`).expect(200);
      expect(res.body.overdue).toBe(true);
      const r = await readiness(units.SETDA);
      expect(r.blockers.find((b) => b.code === 'corrective_actions_overdue')).toMatchObject({
        message: '1 tindakan korektif melewati batas waktu',
      });
      // The plan of an overdue action stays editable without moving the date.
      await as(setda).put(`/api/findings/${id}/corrective-action`, PLAN).expect(200);
    });
  });

  describe('scope', () => {
    it('hides a unit’s assessment and findings from an officer of another unit', async () => {
      await as(rsud).get(`/api/assessments/${assessmentId}`).expect(404);
      await as(rsud).get(`/api/assessments/${assessmentId}/findings`).expect(404);
      const finding = await as(rsud).get(`/api/findings/${findings.minor}`).expect(404);
      expect(finding.body.message).toBe('Temuan tidak ditemukan.');
      await as(rsud).put(`/api/findings/${findings.minor}/corrective-action`, PLAN).expect(404);
      await as(rsud)
        .post(`/api/findings/${findings.minor}/transition`, { to: 'planned' })
        .expect(404);
      await as(rsud).get(`/api/units/${units.SETDA}/assessments`).expect(404);
      await as(rsud).get(`/api/units/${units.SETDA}/readiness`).expect(404);
    });

    it('lets management read everything and write nothing', async () => {
      await as(management).get(`/api/assessments/${assessmentId}`).expect(200);
      await as(management).get(`/api/units/${units.SETDA}/assessments`).expect(200);
      await as(management).get(`/api/findings/${findings.minor}`).expect(200);
      const events = await auditCount();
      await as(management)
        .put(`/api/assessments/${assessmentId}/clauses/4.2`, { applicable: true, rating: 'met' })
        .expect(403);
      await as(management).patch(`/api/assessments/${assessmentId}`, { title: 'x' }).expect(403);
      await as(management)
        .post(`/api/units/${units.SETDA}/assessments`, {
          type: 'stage_1',
          title: 'x',
          startsOn: today,
        })
        .expect(403);
      await as(management)
        .put(`/api/findings/${findings.minor}/corrective-action`, PLAN)
        .expect(403);
      const step = await as(management)
        .post(`/api/findings/${findings.minor}/transition`, { to: 'planned' })
        .expect(403);
      expect(step.body.code).toBe('transition_role_not_allowed');
      expect(await auditCount()).toBe(events);
    });
  });

  describe('a reported assessment', () => {
    it('refuses ratings, findings and edits once reported', async () => {
      await t.db.getRepository(Assessment).update({ id: assessmentId }, { state: 'reported' });
      const events = await auditCount();
      const rate = await as(assessor)
        .put(`/api/assessments/${assessmentId}/clauses/4.2`, { applicable: true, rating: 'met' })
        .expect(409);
      expect(rate.body).toMatchObject({
        code: 'assessment_reported',
        message:
          'Penilaian ini sudah dilaporkan; penilaian klausul dan temuannya tidak dapat diubah lagi.',
      });
      await as(assessor)
        .post(`/api/assessments/${assessmentId}/findings`, {
          clause: '4.1',
          grade: 'minor',
          statement: 'x',
        })
        .expect(409);
      await as(assessor).patch(`/api/assessments/${assessmentId}`, { title: 'x' }).expect(409);
      const state = await as(assessor)
        .patch(`/api/assessments/${assessmentId}`, { state: 'in_progress' })
        .expect(409);
      expect(state.body.details).toEqual({ from: 'reported', to: 'in_progress', allowed: [] });
      expect(await auditCount()).toBe(events);
      // Corrective actions go on after the report.
      await as(setda)
        .post(`/api/findings/${findings.minor}/transition`, { to: 'planned' })
        .expect(200);
    });
  });
});

describeDb('configurable deadlines', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ MUTU_DEADLINE_MAJOR_DAYS: '30', MUTU_DEADLINE_MINOR_DAYS: '60' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives majors and minors their configured number of days', async () => {
    const assessor = await login(t.server, 'assessor');
    const admin = await login(t.server, 'admin');
    const [org] = (await request(t.server).get('/api/organisations').set(bearer(admin))).body;
    const unitsRes = await request(t.server)
      .get(`/api/organisations/${org.id}/units`)
      .set(bearer(admin));
    const bkd = unitsRes.body.find((u: { code: string }) => u.code === 'BKD').id;
    const [cycle] = (
      await request(t.server).get(`/api/units/${bkd}/assessments`).set(bearer(admin))
    ).body;
    const due = async (grade: string) =>
      (
        await request(t.server)
          .post(`/api/assessments/${cycle.id}/findings`)
          .set(bearer(assessor))
          .send({ clause: '7.3', grade, statement: 'Sosialisasi kebijakan mutu belum merata.' })
          .expect(201)
      ).body.correctiveAction?.dueOn;
    expect(await due('major')).toBe(addDays(today, 30));
    expect(await due('minor')).toBe(addDays(today, 60));
    expect(await due('improvement')).toBeUndefined();
  });
});
