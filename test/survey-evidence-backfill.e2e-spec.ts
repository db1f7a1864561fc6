import { In, IsNull, Like } from 'typeorm';
import { AuditEvent } from '../src/audit-log/audit-event.entity.js';
import { EvidenceVersion } from '../src/evidence/evidence-version.entity.js';
import { Evidence } from '../src/evidence/evidence.entity.js';
import { SurveyEvidenceBackfill } from '../src/reports/survey-evidence-backfill.js';
import { surveyMarker } from '../src/reports/survey-evidence.service.js';
import { SatisfactionSurvey } from '../src/satisfaction/satisfaction-survey.entity.js';
import { bearer, login } from './support/auth.js';
import { evidencePdf } from './support/pdf-text.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase, describeDb, engine, type TestDatabase } from './support/test-db.js';

const ikmText = (ikm: number) =>
  new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    ikm,
  );

/** Lets a started app listen; its first backfill round is then scheduled: its result. */
async function listenAndBackfill(t: TestApp) {
  await t.app.listen(0, '127.0.0.1');
  return t.app.get(SurveyEvidenceBackfill).pending();
}

describeDb('demo surveys get their 9.1.2 evidence PDF in the background', () => {
  let database: TestDatabase;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ MUTU_SURVEY_EVIDENCE_BACKFILL: 'true' });
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await database?.drop();
  });

  const surveyItems = async (t: TestApp) =>
    t.db.getRepository(Evidence).find({
      where: { reference: Like('mutu:satisfaction-survey/%') },
      relations: { clauses: true },
    });

  it('after the server listens (not before), each demo survey gets exactly one submitted item whose PDF shows the IKM and the unit, also with two instances at once', async () => {
    // Two instances on one PostgreSQL both find the same surveys missing; SQLite is one process.
    const instances = engine === 'postgres' ? 2 : 1;
    for (let i = 0; i < instances; i += 1) {
      const started = await startTestApp({}, database);
      apps.push(started);
      // Migrated, seeded, bootstrapped, not yet listening: the seed rendered nothing, nothing runs.
      expect(await surveyItems(started)).toHaveLength(0);
      expect(started.app.get(SurveyEvidenceBackfill).pending()).toBeNull();
    }
    const rounds = await Promise.all(apps.map(listenAndBackfill));
    const t = apps[0];
    const surveys = await t.db
      .getRepository(SatisfactionSurvey)
      .find({ relations: { unit: true } });
    expect(surveys.length).toBe(4);
    expect(rounds.every((r) => r !== null && r.deferred === null && r.failed === 0)).toBe(true);
    expect(rounds.reduce((n, r) => n + r!.made, 0)).toBe(surveys.length);

    const items = await surveyItems(t);
    expect(items.map((e) => e.reference).sort()).toEqual(
      surveys.map((s) => surveyMarker(s.id)).sort(),
    );
    for (const item of items) {
      expect(item.status).toBe('submitted');
      expect(item.clauses!.map((c) => c.number)).toEqual(['9.1.2']);
      expect(await t.db.getRepository(EvidenceVersion).countBy({ evidenceId: item.id })).toBe(1);
    }
    // Made by Mutu itself: audited without an actor, once per item.
    expect(
      await t.db.getRepository(AuditEvent).countBy({
        action: 'evidence.create',
        actorId: IsNull(),
        entityId: In(items.map((e) => e.id)),
      }),
    ).toBe(surveys.length);

    // The assessor finds Dukcapil's report and reads the IKM (decimal comma) and the unit in it.
    const dukcapil = surveys.find((s) => s.unit!.code === 'DUKCAPIL')!;
    const item = items.find((e) => e.reference === surveyMarker(dukcapil.id))!;
    expect(item.title).toBe(`Hasil SKM periode ${dukcapil.period} — ${dukcapil.unit!.name}`);
    const assessor = await login(t.server, 'assessor');
    const pdf = await evidencePdf(t.server, bearer(assessor), item.id, 1);
    expect(pdf.flat).toContain(ikmText(dukcapil.ikmHundredths / 100));
    expect(ikmText(dukcapil.ikmHundredths / 100)).toMatch(/^\d{2,3},\d{2}$/);
    expect(pdf.flat).toContain(dukcapil.unit!.name);
    expect(pdf.flat).toContain(dukcapil.period);
  });

  it('a second start finds every report there and makes none', async () => {
    while (apps.length) await apps.pop()!.close();
    const t = await startTestApp({}, database);
    apps.push(t);
    const round = await listenAndBackfill(t);
    expect(round).toEqual({ made: 0, present: 0, failed: 0, deferred: null });
    const items = await surveyItems(t);
    expect(items).toHaveLength(4);
    for (const item of items)
      expect(await t.db.getRepository(EvidenceVersion).countBy({ evidenceId: item.id })).toBe(1);
  });
});
