import { readFileSync } from 'node:fs';
import type { EntityManager } from 'typeorm';
import { parse } from 'yaml';
import { Assessment } from '../assessments/assessment.entity.js';
import { ClauseAssessment } from '../assessments/clause-assessment.entity.js';
import { AuditProgramme, AuditProgrammeEntry } from '../audit-programme/audit-programme.entity.js';
import type { AuditMethod } from '../audit-programme/programme-rules.js';
import type { User } from '../auth/user.entity.js';
import { ManagementReview, ReviewDecision } from '../management-review/management-review.entity.js';
import { emptyInputs, REVIEW_INPUT_CODES } from '../management-review/review-rules.js';
import type { Organisation } from '../organisations/organisation.entity.js';
import type { Unit } from '../organisations/unit.entity.js';
import { Clause } from '../standards/clause.entity.js';

interface DemoEntry {
  unit: string;
  scopeClauses: string[];
  scopeProcesses: string;
  plannedStartOn: string;
  plannedEndOn: string;
  lead: string;
  team: string[];
  criteria: string;
  method: AuditMethod;
  reported?: boolean;
  postponedReason?: string;
}

interface DemoReview {
  unit: string;
  title: string;
  heldOn: string;
  chair: string;
  attendees: string[];
  discussed: 'all' | string[];
  closed: boolean;
  decisions: {
    decision: string;
    action?: string;
    owner?: string;
    dueOn?: string;
    done?: boolean;
  }[];
}

interface DemoFile {
  programme: { year: number; title: string; entries: DemoEntry[] };
  reviews: DemoReview[];
}

const day = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/**
 * Kupang's demo audit programme and the pilot units' management reviews
 * (seeds/demo/audit-review/kupang-2026.yaml), written as the services would, in the demo's
 * transaction. A reported entry gets its `internal_audit` assessment, every leaf rated met and
 * dated before the unit's gap assessment, so that the gap assessment stays the current cycle.
 * Returns how many records were loaded; nothing when the file is absent.
 */
export async function loadDemoAuditAndReviews(
  m: EntityManager,
  path: string,
  org: Organisation,
  standardId: string,
  unitOf: (code: string, where: string) => Unit,
  users: Map<string, User>,
): Promise<number> {
  let demo: DemoFile;
  try {
    demo = parse(readFileSync(path, 'utf8')) as DemoFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  const userId = (name: string, where: string): string => {
    const u = users.get(name);
    if (!u) throw new Error(`${path}: ${where}: unknown user ${name}`);
    return u.id;
  };
  const programme = await m.getRepository(AuditProgramme).save(
    m.getRepository(AuditProgramme).create({
      organisationId: org.id,
      year: demo.programme.year,
      title: demo.programme.title,
      createdById: null,
    }),
  );
  const leaves = await m.getRepository(Clause).findBy({ standardId, isLeaf: true });
  let count = 1;
  for (const e of demo.programme.entries) {
    const where = `programme entry ${e.unit}`;
    const unit = unitOf(e.unit, where);
    let assessmentId: string | null = null;
    if (e.reported) {
      const assessment = await m.getRepository(Assessment).save(
        m.getRepository(Assessment).create({
          unitId: unit.id,
          standardId,
          type: 'internal_audit',
          title: `Audit internal ${demo.programme.year} — ${unit.name} (demo)`,
          scope: `Klausul ${e.scopeClauses.join(', ')} — ${e.scopeProcesses}`,
          startsOn: day(e.plannedStartOn),
          endsOn: day(e.plannedEndOn),
          state: 'reported',
          createdById: null,
        }),
      );
      await m.getRepository(ClauseAssessment).insert(
        leaves.map((c) => ({
          assessmentId: assessment.id,
          clauseId: c.id,
          applicable: true,
          rating: 'met' as const,
          note: null,
          justification: null,
          updatedById: null,
        })),
      );
      assessmentId = assessment.id;
    }
    await m.getRepository(AuditProgrammeEntry).insert({
      programmeId: programme.id,
      unitId: unit.id,
      scopeClauses: e.scopeClauses,
      scopeProcesses: e.scopeProcesses,
      plannedStartOn: day(e.plannedStartOn),
      plannedEndOn: day(e.plannedEndOn),
      leadAuditorId: userId(e.lead, where),
      teamIds: e.team.map((t) => userId(t, where)),
      criteria: e.criteria,
      method: e.method,
      status: assessmentId ? 'in_progress' : e.postponedReason ? 'postponed' : 'planned',
      postponedReason: e.postponedReason ?? null,
      independenceExceptions: [],
      assessmentId,
      createdById: null,
    });
    count += 1;
  }
  for (const r of demo.reviews) {
    const unit = unitOf(r.unit, `review ${r.title}`);
    const discussed = r.discussed === 'all' ? REVIEW_INPUT_CODES : r.discussed;
    const review = await m.getRepository(ManagementReview).save(
      m.getRepository(ManagementReview).create({
        unitId: unit.id,
        title: r.title,
        heldOn: day(r.heldOn),
        chair: r.chair,
        attendees: r.attendees,
        inputs: emptyInputs().map((i) => ({ ...i, discussed: discussed.includes(i.code) })),
        state: r.closed ? 'closed' : 'draft',
        closedAt: r.closed ? new Date() : null,
        closedById: null,
        createdById: null,
      }),
    );
    count += 1;
    let position = 0;
    for (const d of r.decisions) {
      position += 1;
      await m.getRepository(ReviewDecision).insert({
        reviewId: review.id,
        unitId: unit.id,
        position,
        decision: d.decision,
        action: d.action ?? null,
        owner: d.action ? (d.owner ?? null) : null,
        dueOn: d.action && d.dueOn ? day(d.dueOn) : null,
        actionStatus: d.action ? (d.done ? 'done' : 'open') : null,
        completedAt: d.done ? new Date() : null,
        completionNote: d.done ? 'Selesai (demo)' : null,
        createdById: null,
      });
      count += 1;
    }
  }
  return count;
}
