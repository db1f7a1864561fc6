import { readFileSync } from 'node:fs';
import request from 'supertest';
import { addDays, todayInZone } from '../src/common/dates.js';
import { Assessment } from '../src/assessments/assessment.entity.js';
import { Evidence } from '../src/evidence/evidence.entity.js';
import { ManagementReview } from '../src/management-review/management-review.entity.js';
import { emptyInputs } from '../src/management-review/review-rules.js';
import { CorrectiveAction } from '../src/findings/corrective-action.entity.js';
import { Finding } from '../src/findings/finding.entity.js';
import { Unit } from '../src/organisations/unit.entity.js';
import { snapshotEveryUnit, snapshotUnits } from '../src/readiness/readiness-snapshots.js';
import { ReadinessSnapshot } from '../src/readiness/readiness-snapshot.entity.js';
import { parseDemoFile } from '../src/seeding/seed-files.js';
import { Seeder } from '../src/seeding/seeder.js';
import { Clause } from '../src/standards/clause.entity.js';
import { Standard } from '../src/standards/standard.entity.js';
import { bearer, login, type Session } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

const today = todayInZone(new Date());

/** The controlled case, by hand. 65 leaves; 8.3.1–8.3.6 do not apply; four leaves are not met. */
const NOT_APPLICABLE = ['8.3.1', '8.3.2', '8.3.3', '8.3.4', '8.3.5', '8.3.6'];
const RATED: Record<string, string> = {
  '4.2': 'partly_met',
  '4.4.1': 'not_met',
  '6.3': 'not_assessed',
  '10.3': 'partly_met',
};
/** Leaves that ask for documented information (maintain or retain), less the excluded 8.3.x. */
const REQUIRED = [
  '4.3',
  '4.4.2',
  '5.2.2',
  '6.2.1',
  '7.1.5.1',
  '7.1.5.2',
  '7.2',
  '8.1',
  '8.2.3.2',
  '8.4.1',
  '8.5.1',
  '8.5.2',
  '8.5.3',
  '8.5.6',
  '8.6',
  '8.7.2',
  '9.1.1',
  '9.2.2',
  '9.3.3',
  '10.2.2',
];

interface Snapshot {
  takenAt: string;
  score: number | null;
  percent: number | null;
  ready: boolean;
  blockerCodes: string[];
}

interface Readiness {
  unitId: string;
  code: string;
  assessmentId: string | null;
  asOf: string;
  score: number | null;
  percent: number | null;
  ready: boolean;
  blockers: { code: string; message: string; params: Record<string, unknown> }[];
  groups: { clause: string; score: number | null; percent: number | null; applicable: number }[];
  documentedInformation: { required: number; covered: number; coverage: number; missing: string[] };
  overdueActions: number;
  counts: { applicable: number; met: number; partlyMet: number };
}

describeDb('readiness through the API', () => {
  let t: TestApp;
  let admin: Session;
  let assessor: Session;
  let management: Session;
  let dukcapil: Session;
  let orgId: string;
  let unitId: string;
  let units: Record<string, string>;
  let majorId: string;
  let minorId: string;

  const get = (s: Session, path: string) => request(t.server).get(path).set(bearer(s));
  const readiness = async (id = unitId, s = admin): Promise<Readiness> =>
    (await get(s, `/api/units/${id}/readiness`).expect(200)).body;
  const clauseIds = async (numbers: string[]): Promise<Clause[]> =>
    (await t.db.getRepository(Clause).find()).filter((c) => numbers.includes(c.number));
  // Set-up that writes rows directly bypasses the services that keep the stored readiness
  // current, so it recomputes the unit itself, as those services do in their transactions.
  const recompute = (id = unitId) => t.db.transaction((m) => snapshotUnits(m, { unitIds: [id] }));
  const addEvidence = async (numbers: string[], more: Partial<Evidence> = {}) => {
    const saved = await t.db.getRepository(Evidence).save(
      t.db.getRepository(Evidence).create({
        unitId,
        title: `Bukti ${numbers.join(', ')}`,
        status: 'accepted',
        validUntil: null,
        clauses: await clauseIds(numbers),
        ...more,
      }),
    );
    await recompute();
    return saved;
  };

  beforeAll(async () => {
    t = await startTestApp();
    [admin, assessor, management, dukcapil] = await Promise.all(
      ['admin', 'assessor', 'management', 'officer.dukcapil'].map((u) => login(t.server, u)),
    );
    [{ id: orgId }] = (await get(admin, '/api/organisations')).body;
    const list = (await get(admin, `/api/organisations/${orgId}/units`)).body as {
      id: string;
      code: string;
    }[];
    units = Object.fromEntries(list.map((u) => [u.code, u.id]));
    const unit = await t.db.getRepository(Unit).save(
      t.db.getRepository(Unit).create({
        organisationId: orgId,
        code: 'DISKOMINFO',
        name: 'Dinas Komunikasi dan Informatika Kota Kupang (uji)',
      }),
    );
    unitId = unit.id;
    // A current satisfaction survey (SKM), so that only the blockers under test remain.
    const elements =
      'Persyaratan;Prosedur;Waktu penyelesaian;Biaya/tarif;Produk pelayanan;Kompetensi pelaksana;Perilaku pelaksana;Pengaduan;Sarana dan prasarana';
    await request(t.server)
      .post(`/api/units/${unitId}/satisfaction-surveys?period=${today.slice(0, 4)}`)
      .set(bearer(admin))
      .set('Content-Type', 'text/csv')
      .send(`${elements}\n4;4;4;4;4;4;4;4;4\n`)
      .expect(201);
    // A reviewed risk register (6.1) and an objective not yet due (6.2), for the same reason.
    await request(t.server)
      .post(`/api/units/${unitId}/risks`)
      .set(bearer(admin))
      .send({ kind: 'risk', title: 'Gangguan pusat data', likelihood: 1, impact: 2 })
      .expect(201);
    await request(t.server)
      .post(`/api/units/${unitId}/objectives`)
      .set(bearer(admin))
      .send({
        statement: 'Layanan aduan dijawab ≤ 2 hari kerja',
        indicator: 'Rata-rata lama menjawab aduan',
        unitOfMeasure: 'hari kerja',
        target: 2,
        direction: 'at_most',
        frequency: 'semester',
      })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('starts each demo unit’s trend at seed time: the file’s back-dated points, then today’s reading', async () => {
    const demo = parseDemoFile(
      readFileSync(new URL('../seeds/demo/kota-kupang-demo.yaml', import.meta.url), 'utf8'),
      'kota-kupang-demo.yaml',
    );
    const history = async (code: string): Promise<Snapshot[]> => {
      const page = (
        await get(admin, `/api/units/${units[code]}/readiness/history?pageSize=200`).expect(200)
      ).body as { items: Snapshot[]; total: number };
      expect(page.items).toHaveLength(page.total);
      return page.items;
    };
    const seeded: Record<string, Snapshot[]> = {};
    for (const code of ['SETDA', 'RSUD', 'BKD', 'DUKCAPIL']) {
      const [current, ...past] = (seeded[code] = await history(code));
      // Today's point is the unit's real readiness, the very figure the readiness route gives.
      const now = await readiness(units[code]);
      expect(now.score).toBeGreaterThan(0);
      expect(current).toMatchObject({ score: now.score, percent: now.percent, ready: now.ready });
      expect(todayInZone(new Date(current.takenAt))).toBe(today);
      expect(current.blockerCodes).toEqual([...new Set(now.blockers.map((b) => b.code))]);
      // The past is the file's, counted back from the day the demo was loaded.
      const daysBefore = (s: Snapshot) =>
        Math.round((Date.parse(current.takenAt) - Date.parse(s.takenAt)) / 86_400_000);
      const wanted = demo.history
        .filter((h) => h.unit === code)
        .sort((a, b) => a.daysAgo - b.daysAgo)
        .map((h) => ({ daysAgo: h.daysAgo, score: h.score, ready: false }));
      expect(wanted.length).toBeGreaterThanOrEqual(3);
      expect(past.map((s) => ({ daysAgo: daysBefore(s), score: s.score, ready: s.ready }))).toEqual(
        wanted,
      );
      // Something to compare with a month ago.
      expect(past.some((s) => daysBefore(s) > 30)).toBe(true);
    }
    // Seeding again (every start-up does) adds nothing.
    expect((await t.app.get(Seeder).seed({ demo: true })).demo).toBe(
      'skipped (database not empty)',
    );
    for (const code of Object.keys(seeded)) expect(await history(code)).toEqual(seeded[code]);
  });

  it('measures a unit without any assessment against ISO 9001: nothing assessed yet', async () => {
    const r = await readiness();
    expect(r).toMatchObject({
      unitId,
      assessmentId: null,
      asOf: today,
      score: 0,
      percent: 0,
      ready: false,
      counts: { applicable: 65 },
    });
    expect(r.blockers[0]).toMatchObject({
      code: 'clauses_not_assessed',
      message: '65 klausul belum dinilai',
    });
  });

  it('computes the controlled case exactly as worked out by hand', async () => {
    // A reported internal audit (older than the cycle below, so not the current one) and a
    // closed management review within 12 months, so that 9.2 and 9.3 block nothing here.
    await t.db.getRepository(Assessment).save(
      t.db.getRepository(Assessment).create({
        unitId,
        standardId: (await t.db.getRepository(Standard).findOneByOrFail({ code: 'iso-9001-2015' }))
          .id,
        type: 'internal_audit',
        title: 'Audit internal (uji)',
        startsOn: addDays(today, -40),
        endsOn: addDays(today, -38),
        state: 'reported',
      }),
    );
    await t.db.getRepository(ManagementReview).save(
      t.db.getRepository(ManagementReview).create({
        unitId,
        title: 'Tinjauan manajemen (uji)',
        heldOn: addDays(today, -30),
        chair: 'Kepala Dinas',
        attendees: [],
        inputs: emptyInputs().map((i) => ({ ...i, discussed: true })),
        state: 'closed',
      }),
    );
    const cycle = await request(t.server)
      .post(`/api/units/${unitId}/assessments`)
      .set(bearer(admin))
      .send({
        type: 'gap_assessment',
        title: 'Gap assessment — Diskominfo (uji)',
        startsOn: today,
        assessorIds: [assessor.user.id],
      })
      .expect(201);
    const leaves = (cycle.body.clauses as { number: string }[]).map((c) => c.number);
    expect(leaves).toHaveLength(65);
    for (const number of leaves) {
      const body = NOT_APPLICABLE.includes(number)
        ? { applicable: false, justification: 'Diskominfo tidak merancang layanan baru.' }
        : { applicable: true, rating: RATED[number] ?? 'met' };
      await request(t.server)
        .put(`/api/assessments/${cycle.body.id}/clauses/${number}`)
        .set(bearer(assessor))
        .send(body)
        .expect(200);
    }
    // Documented information: one item for all but 7.2 and 10.2.2; on those only evidence
    // that does not count (expired, rejected, withdrawn).
    await addEvidence(REQUIRED.filter((n) => n !== '7.2' && n !== '10.2.2'));
    await addEvidence(['7.2'], { validUntil: addDays(today, -1) });
    await addEvidence(['10.2.2'], { status: 'rejected', reviewReason: 'Tidak terbaca' });
    await addEvidence(['10.2.2'], { withdrawnAt: new Date() });
    await addEvidence(['7.2'], { status: 'submitted' });
    const record = (clause: string, grade: string) =>
      request(t.server)
        .post(`/api/assessments/${cycle.body.id}/findings`)
        .set(bearer(assessor))
        .send({ clause, grade, statement: `Temuan ${grade} pada ${clause}` })
        .expect(201);
    majorId = (await record('4.4.1', 'major')).body.id;
    minorId = (await record('7.2', 'minor')).body.id;
    await record('7.5.2', 'observation');
    await t.db
      .getRepository(CorrectiveAction)
      .update({ findingId: minorId }, { dueOn: addDays(today, -1) });
    await recompute();

    const r = await readiness();
    // Applicable: 65 − 6 = 59. Points: 55 met + 2 × ½ (4.2, 10.3) = 56; 4.4.1 and 6.3 give 0.
    // By group: 4 → (3 + ½)/5, 5 → 5/5, 6 → 4/5, 7 → 14/14, 8 → 18/18, 9 → 8/8, 10 → (3 + ½)/4.
    expect(r.counts).toMatchObject({ applicable: 59, met: 55, partlyMet: 2 });
    expect(r.score).toBeCloseTo(56 / 59, 12);
    expect(r.percent).toBe(94.9);
    expect(r.groups.map((g) => [g.clause, g.percent, g.applicable])).toEqual([
      ['4', 70, 5],
      ['5', 100, 5],
      ['6', 80, 5],
      ['7', 100, 14],
      ['8', 100, 18],
      ['9', 100, 8],
      ['10', 87.5, 4],
    ]);
    expect(r.documentedInformation).toEqual({
      required: 20,
      covered: 18,
      coverage: 0.9,
      missing: ['7.2', '10.2.2'],
    });
    expect(r.overdueActions).toBe(1);
    expect(r.ready).toBe(false);
    expect(r.blockers).toEqual([
      {
        code: 'clauses_not_assessed',
        message: '1 klausul belum dinilai',
        params: { count: 1, clauses: ['6.3'] },
      },
      {
        code: 'clauses_not_met',
        message: '1 klausul belum terpenuhi',
        params: { count: 1, clauses: ['4.4.1'] },
      },
      {
        code: 'major_open',
        message: '1 ketidaksesuaian mayor masih terbuka',
        params: { count: 1 },
      },
      {
        code: 'documented_information_missing',
        message: 'Klausul 7.2: belum ada bukti terdokumentasi yang diterima dan masih berlaku',
        params: { clause: '7.2' },
      },
      {
        code: 'documented_information_missing',
        message: 'Klausul 10.2.2: belum ada bukti terdokumentasi yang diterima dan masih berlaku',
        params: { clause: '10.2.2' },
      },
      {
        code: 'corrective_actions_overdue',
        message: '1 tindakan korektif melewati batas waktu',
        params: { count: 1 },
      },
    ]);
  });

  it('speaks English on request, by header or by ?lang=en', async () => {
    const byHeader = await get(admin, `/api/units/${unitId}/readiness`)
      .set('Accept-Language', 'en-US,en;q=0.8')
      .expect(200);
    const byQuery = await get(admin, `/api/units/${unitId}/readiness?lang=en`).expect(200);
    const messages = byHeader.body.blockers.map((b: { message: string }) => b.message);
    expect(messages).toEqual(byQuery.body.blockers.map((b: { message: string }) => b.message));
    expect(messages).toEqual([
      '1 clause not yet assessed',
      '1 clause not met',
      '1 major nonconformity still open',
      'Clause 7.2: no accepted, unexpired documented information',
      'Clause 10.2.2: no accepted, unexpired documented information',
      '1 corrective action overdue',
    ]);
  });

  it('becomes ready once every blocker is dealt with', async () => {
    const [cycle] = (await get(admin, `/api/units/${unitId}/assessments`)).body;
    for (const number of ['4.4.1', '6.3'])
      await request(t.server)
        .put(`/api/assessments/${cycle.id}/clauses/${number}`)
        .set(bearer(assessor))
        .send({ applicable: true, rating: 'met' })
        .expect(200);
    await addEvidence(['7.2', '10.2.2'], { validUntil: today });
    await t.db.getRepository(Finding).update({ id: majorId }, { state: 'verified' });
    await t.db.getRepository(CorrectiveAction).update({ findingId: minorId }, { dueOn: today });
    await recompute();
    const r = await readiness();
    expect(r).toMatchObject({ ready: true, blockers: [], overdueActions: 0, percent: 98.3 });
    // 57 met, 2 partly met, over 59 applicable.
    expect(r.score).toBeCloseTo(58 / 59, 12);
    expect(r.groups.map((g) => g.percent)).toEqual([90, 100, 100, 100, 100, 100, 87.5]);
  });

  it('rolls the organisation up from the same numbers, one unit per visible unit', async () => {
    const org = (await get(management, `/api/organisations/${orgId}/readiness`).expect(200)).body;
    expect(org.units.map((u: { code: string }) => u.code)).toEqual([
      'BKD',
      'DISKOMINFO',
      'DUKCAPIL',
      'RSUD',
      'SETDA',
    ]);
    // The list names each unit's blockers by kind; its readinessUrl says them in full.
    const each: Readiness[] = await Promise.all(
      org.units.map(
        async (u: { readinessUrl: string }) =>
          (await get(management, u.readinessUrl).expect(200)).body,
      ),
    );
    for (const [i, u] of org.units.entries()) {
      expect(u.readinessUrl).toBe(`/api/units/${u.unitId}/readiness`);
      expect(u).not.toHaveProperty('blockers');
      expect([u.code, u.score, u.ready, u.blockerCount, [...u.blockerCodes].sort()]).toEqual([
        each[i].code,
        each[i].score,
        each[i].ready,
        each[i].blockers.length,
        [...new Set(each[i].blockers.map((b) => b.code))].sort(),
      ]);
    }
    expect(org.units.some((u: { blockerCount: number }) => u.blockerCount > 1)).toBe(true);
    const pooled = each.reduce(
      (acc, r) => ({
        points: acc.points + r.counts.met + r.counts.partlyMet / 2,
        applicable: acc.applicable + r.counts.applicable,
      }),
      { points: 0, applicable: 0 },
    );
    expect(org.score).toBeCloseTo(pooled.points / pooled.applicable, 12);
    expect(org).toMatchObject({
      organisationId: orgId,
      code: 'kota-kupang',
      unitCount: 5,
      readyUnits: each.filter((r) => r.ready).length,
    });
    expect(org.readyUnits).toBeGreaterThanOrEqual(1);
    expect(org.units.find((u: { code: string }) => u.code === 'DISKOMINFO')).toMatchObject({
      ready: true,
      percent: 98.3,
      groups: expect.arrayContaining([{ clause: '10', score: 0.875, percent: 87.5 }]),
    });

    // The demo unit's readiness reads its current assessment: same score as the cycle's summary.
    const [current] = (await get(admin, `/api/units/${units.DUKCAPIL}/assessments`)).body;
    const detail = (await get(admin, `/api/assessments/${current.id}`)).body;
    expect(each.find((r) => r.unitId === units.DUKCAPIL)!.score).toBe(detail.summary.score);
  });

  it('shows an officer only their own unit, and hides other organisations', async () => {
    const own = (await get(dukcapil, `/api/organisations/${orgId}/readiness`).expect(200)).body;
    expect(own.units.map((u: { code: string }) => u.code)).toEqual(['DUKCAPIL']);
    expect(own.unitCount).toBe(1);
    await get(dukcapil, `/api/units/${unitId}/readiness`).expect(404);
    const unknown = await get(admin, `/api/organisations/${unitId}/readiness`).expect(404);
    expect(unknown.body.message).toBe('Organisasi tidak ditemukan.');
  });

  it('keeps the trend: a snapshot on every change, and a daily one for every unit', async () => {
    const repo = t.db.getRepository(ReadinessSnapshot);
    // Every change above recomputed its unit (the set-up's direct writes too), which wrote a
    // snapshot where the score or the ready flag moved; every unit already has one today.
    const first = await snapshotEveryUnit(t.db);
    expect(first).toEqual({ units: 5, written: 0 });
    const again = await snapshotEveryUnit(t.db);
    expect(again).toEqual({ units: 5, written: 0 });

    const history = (
      await get(admin, `/api/units/${unitId}/readiness/history?pageSize=200`).expect(200)
    ).body;
    expect(history.total).toBe(await repo.countBy({ unitId }));
    // One per rating that moved the score (the 6 exclusions and most ratings did), and more.
    expect(history.items).toHaveLength(history.total);
    expect(history.total).toBeGreaterThan(50);
    const taken = history.items.map((s: { takenAt: string }) => s.takenAt);
    expect(taken).toEqual([...taken].sort().reverse());
    expect(history.items[0]).toMatchObject({ ready: true, percent: 98.3, blockerCodes: [] });
    expect(history.items[1]).toMatchObject({
      ready: false,
      percent: 98.3,
      blockerCodes: ['major_open', 'documented_information_missing', 'corrective_actions_overdue'],
    });
    expect(history.items[0].groups).toContainEqual({ clause: '10', score: 0.875, percent: 87.5 });
    // The oldest point is the fresh cycle, nothing assessed.
    expect(history.items.at(-1)).toMatchObject({ score: 0, ready: false });
    const page = (
      await get(admin, `/api/units/${unitId}/readiness/history?pageSize=2&since=${today}`).expect(
        200,
      )
    ).body;
    expect(page).toMatchObject({ total: history.total, page: 1, pageSize: 2 });
    expect(page.items).toEqual(history.items.slice(0, 2));
    const bad = await get(admin, `/api/units/${unitId}/readiness/history?since=kemarin`).expect(
      400,
    );
    expect(bad.body.details[0]).toMatchObject({ field: 'since' });
    await get(dukcapil, `/api/units/${unitId}/readiness/history`).expect(404);
  });
});
