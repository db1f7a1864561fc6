import { basename, join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { Assessment } from '../assessments/assessment.entity.js';
import { ClauseAssessment } from '../assessments/clause-assessment.entity.js';
import { User } from '../auth/user.entity.js';
import { EvidenceVersion } from '../evidence/evidence-version.entity.js';
import { Evidence } from '../evidence/evidence.entity.js';
import { CorrectiveAction } from '../findings/corrective-action.entity.js';
import { Finding } from '../findings/finding.entity.js';
import type { FindingState } from '../findings/finding-types.js';
import type { Organisation } from '../organisations/organisation.entity.js';
import type { Unit } from '../organisations/unit.entity.js';
import { ReadinessSnapshot } from '../readiness/readiness-snapshot.entity.js';
import { snapshotUnits } from '../readiness/readiness-snapshots.js';
import { loadDemoSurveys } from '../satisfaction/demo-surveys.js';
import { loadDemoComplaints } from '../complaints/demo-complaints.js';
import { loadDemoAuditAndReviews } from './demo-audit-review.js';
import { loadDemoQualityPlan } from './demo-quality-plan.js';
import { loadDemoDocuments } from '../documents/demo-documents.js';
import { loadDemoDiagnostics } from '../diagnostics/demo-diagnostics.js';
import type { EvidenceStore } from '../evidence/evidence-store.js';
import type { Clause } from '../standards/clause.entity.js';
import type { Standard } from '../standards/standard.entity.js';
import { SeedFileError, type DemoSeed } from './seed-files.js';

/** A demo file stored in the evidence store before the transaction (content-addressed). */
export interface StoredDemoFile {
  sha256: string;
  size: number;
  mediaType: string;
}

/** What every demo step may read, and the rows earlier steps created. One transaction: `m`. */
export interface DemoContext {
  m: EntityManager;
  demo: DemoSeed;
  /** The demo file's name, for error messages. */
  file: string;
  /** seeds/demo/: a step's own files (surveys/, …) live below it. */
  demoDir: string;
  now: Date;
  org: Organisation;
  standard: Standard;
  leaves: Clause[];
  unitOf(code: string, where: string): Unit;
  leafOf(number: string, where: string): Clause;
  passwordHash: string;
  files: ReadonlyMap<string, StoredDemoFile>;
  /** The evidence store, for steps that store files of their own (documents). */
  store: EvidenceStore;
  /** Filled by the users step. */
  users: Map<string, User>;
  userOf(name: string, where: string): User;
  /** The demo's assessor (the users step creates them); null before or without one. */
  assessor(): User | null;
  /** The first assessment of each unit code, filled by the assessments step. */
  assessmentOfUnit: Map<string, Assessment>;
}

/** A step loads one kind of demo record and says how many it added (for the demo.load audit event). */
export type DemoStep = (ctx: DemoContext) => Promise<number>;

const users: DemoStep = async (ctx) => {
  const repo = ctx.m.getRepository(User);
  for (const u of ctx.demo.users) {
    const user = await repo.save(
      repo.create({
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        passwordHash: ctx.passwordHash,
        organisationId: ctx.org.id,
        units: u.units.map((c) => ctx.unitOf(c, `user ${u.username}`)),
      }),
    );
    ctx.users.set(u.username, user);
  }
  return ctx.demo.users.length;
};

const assessments: DemoStep = async (ctx) => {
  const repo = ctx.m.getRepository(Assessment);
  for (const a of ctx.demo.assessments) {
    const where = `assessment ${a.title}`;
    const unit = ctx.unitOf(a.unit, where);
    const assessment = await repo.save(
      repo.create({
        unitId: unit.id,
        standardId: ctx.standard.id,
        type: a.type,
        title: a.title,
        scope: a.scope,
        startsOn: a.startsOn,
        endsOn: a.endsOn,
        state: a.state,
        assessors: a.assessors.map((n) => ctx.userOf(n, where)),
      }),
    );
    if (!ctx.assessmentOfUnit.has(a.unit)) ctx.assessmentOfUnit.set(a.unit, assessment);
    for (const n of [
      ...Object.keys(a.ratings),
      ...Object.keys(a.notApplicable),
      ...Object.keys(a.notes),
    ])
      ctx.leafOf(n, where);
    await ctx.m.getRepository(ClauseAssessment).insert(
      ctx.leaves.map((c) => ({
        assessmentId: assessment.id,
        clauseId: c.id,
        applicable: !(c.number in a.notApplicable),
        justification: a.notApplicable[c.number] ?? null,
        rating: a.ratings[c.number] ?? 'not_assessed',
        note: a.notes[c.number] ?? null,
        updatedById: ctx.assessor()?.id ?? null,
      })),
    );
  }
  return ctx.demo.assessments.length;
};

const evidence: DemoStep = async (ctx) => {
  const assessor = ctx.assessor();
  for (const e of ctx.demo.evidence) {
    const where = `evidence ${e.title}`;
    const unit = ctx.unitOf(e.unit, where);
    const officer = [...ctx.users.values()].find(
      (u) => u.role === 'quality_officer' && u.units?.some((x) => x.id === unit.id),
    );
    const row = await ctx.m.getRepository(Evidence).save(
      ctx.m.getRepository(Evidence).create({
        unitId: unit.id,
        title: e.title,
        description: e.description,
        reference: e.reference,
        validUntil: e.validUntil,
        status: e.status,
        reviewReason: e.reviewReason,
        reviewedById: e.status === 'submitted' ? null : (assessor?.id ?? null),
        reviewedAt: e.status === 'submitted' ? null : new Date(),
        clauses: e.clauses.map((n) => ctx.leafOf(n, where)),
        createdById: officer?.id ?? null,
      }),
    );
    const f = e.file ? ctx.files.get(e.file) : undefined;
    if (f)
      await ctx.m.getRepository(EvidenceVersion).insert({
        evidenceId: row.id,
        number: 1,
        sha256: f.sha256,
        size: f.size,
        mediaType: f.mediaType,
        originalName: basename(e.file!),
        uploadedById: officer?.id ?? null,
        uploadedAt: new Date(),
      });
  }
  return ctx.demo.evidence.length;
};

/** Steps a finding has passed through, to stamp its corrective action in demo data. */
const STAMPS: Record<
  FindingState,
  (keyof Pick<CorrectiveAction, 'plannedAt' | 'implementedAt' | 'verifiedAt' | 'closedAt'>)[]
> = {
  open: [],
  planned: ['plannedAt'],
  implemented: ['plannedAt', 'implementedAt'],
  verified: ['plannedAt', 'implementedAt', 'verifiedAt'],
  closed: ['plannedAt', 'implementedAt', 'verifiedAt', 'closedAt'],
  reopened: ['plannedAt', 'implementedAt'],
};

const findings: DemoStep = async (ctx) => {
  const numbers = new Map<string, number>();
  for (const f of ctx.demo.findings) {
    const where = `finding ${f.statement.slice(0, 40)}`;
    const assessment = ctx.assessmentOfUnit.get(f.unit);
    if (!assessment)
      throw new SeedFileError(`${ctx.file}: ${where}: unit ${f.unit} has no assessment`);
    const number = (numbers.get(assessment.id) ?? 0) + 1;
    numbers.set(assessment.id, number);
    const finding = await ctx.m.getRepository(Finding).save(
      ctx.m.getRepository(Finding).create({
        assessmentId: assessment.id,
        number,
        clauseId: ctx.leafOf(f.clause, where).id,
        grade: f.grade,
        statement: f.statement,
        objectiveEvidence: f.objectiveEvidence,
        state: f.state,
        createdById: ctx.assessor()?.id ?? null,
      }),
    );
    if (f.correctiveAction) {
      const stamps = Object.fromEntries(STAMPS[f.state].map((k) => [k, new Date()]));
      await ctx.m
        .getRepository(CorrectiveAction)
        .insert({ findingId: finding.id, ...f.correctiveAction, ...stamps });
    }
  }
  return ctx.demo.findings.length;
};

const satisfactionSurveys: DemoStep = (ctx) =>
  loadDemoSurveys(ctx.m, join(ctx.demoDir, 'surveys'), (code, where) => ctx.unitOf(code, where));

/** Controlled documents and their revisions (src/documents/demo-documents.ts). */
const documents: DemoStep = (ctx) =>
  loadDemoDocuments(
    ctx.m,
    ctx.demoDir,
    ctx.store,
    (code, where) => ctx.unitOf(code, where),
    (number, where) => ctx.leafOf(number, where),
    [...ctx.users.values()],
  );

/** Kota Kupang's ISO 18091 Annex A diagnostics (src/diagnostics/demo-diagnostics.ts). */
const diagnostics: DemoStep = (ctx) =>
  loadDemoDiagnostics(ctx.m, join(ctx.demoDir, 'diagnostics'), ctx.org);

/** Kupang's 2026 audit programme and the units' management reviews (demo-audit-review.ts). */
const auditAndReviews: DemoStep = (ctx) =>
  loadDemoAuditAndReviews(
    ctx.m,
    join(ctx.demoDir, 'audit-review', 'kupang-2026.yaml'),
    ctx.org,
    ctx.standard.id,
    (code, where) => ctx.unitOf(code, where),
    ctx.users,
  );

/** A LAPOR!-style complaint log per pilot unit (src/complaints/demo-complaints.ts). */
const complaints: DemoStep = (ctx) =>
  loadDemoComplaints(
    ctx.m,
    join(ctx.demoDir, 'complaints'),
    (code, where) => ctx.unitOf(code, where),
    ctx.now,
  );

/** Risks, quality objectives and their measurements (src/seeding/demo-quality-plan.ts). */
const qualityPlan: DemoStep = async (ctx) => {
  const r = await loadDemoQualityPlan(
    ctx.m,
    join(ctx.demoDir, 'quality-plan', 'kota-kupang.yaml'),
    (code, where) => ctx.unitOf(code, where),
    ctx.now,
  );
  return r.risks + r.objectives + r.measurements;
};

const DAY_MS = 24 * 60 * 60_000;

/**
 * The trend starts with the demo: the file's back-dated points (invented, and dated from today so
 * the demo never ages), then today's reading of every unit, computed and written the way every
 * change records one. Last, since it reads everything the other steps wrote.
 */
const readinessSnapshots: DemoStep = async (ctx) => {
  const history = ctx.demo.history.map((h) => ({
    unitId: ctx.unitOf(h.unit, `history of ${h.unit}`).id,
    takenAt: new Date(ctx.now.getTime() - h.daysAgo * DAY_MS),
    score: h.score,
    ready: false,
    blockerCodes: [],
    groups: [],
  }));
  if (history.length > 0) await ctx.m.getRepository(ReadinessSnapshot).insert(history);
  const today = await snapshotUnits(
    ctx.m,
    { organisationId: ctx.org.id },
    { now: ctx.now, daily: true },
  );
  return history.length + today.written;
};

/**
 * The demo, step by step, in one transaction; each name is a field of the demo.load audit event.
 * A new kind of demo record adds its line here (before readinessSnapshots, which reads the rest)
 * with a loader of its own, in its own module when it reads its own files under `ctx.demoDir`.
 */
export const DEMO_STEPS: readonly (readonly [name: string, step: DemoStep])[] = [
  ['users', users],
  ['assessments', assessments],
  ['evidence', evidence],
  ['findings', findings],
  ['auditAndReviews', auditAndReviews],
  ['satisfactionSurveys', satisfactionSurveys],
  ['complaints', complaints],
  ['documents', documents],
  ['qualityPlan', qualityPlan],
  ['diagnostics', diagnostics],
  ['readinessSnapshots', readinessSnapshots],
];
