import type { Assessment } from '../assessments/assessment.entity.js';
import type { Role } from '../auth/role.js';
import type { Evidence } from '../evidence/evidence.entity.js';
import type { Unit } from '../organisations/unit.entity.js';
import type { LocalisedText } from '../standards/catalogue.js';
import type { Clause } from '../standards/clause.entity.js';
import type { CorrectiveAction } from './corrective-action.entity.js';
import { allowedTransitions } from './finding-lifecycle.js';
import { isOverdue } from './finding-rules.js';
import type { FindingGrade, FindingState } from './finding-types.js';
import type { Finding } from './finding.entity.js';

/** A finding with what its views need loaded. */
export type FindingRecord = Finding & {
  assessment: Assessment & { unit: Unit };
  clause: Clause;
  correctiveAction: CorrectiveAction | null;
  evidence: Evidence[];
};

export interface CorrectiveActionView {
  correction: string | null;
  rootCause: string | null;
  action: string | null;
  owner: string | null;
  dueOn: string | null;
  plannedAt: Date | null;
  implementedAt: Date | null;
  verifiedAt: Date | null;
  closedAt: Date | null;
}

export interface FindingView {
  id: string;
  assessmentId: string;
  unitId: string;
  number: number;
  /** T-01, T-02 … as printed in reports. */
  reference: string;
  clause: { number: string; title: LocalisedText };
  grade: FindingGrade;
  statement: string;
  objectiveEvidence: string | null;
  state: FindingState;
  evidence: { id: string; title: string }[];
  correctiveAction: CorrectiveActionView | null;
  /** An unresolved nonconformity past its due date (Kupang's calendar day). */
  overdue: boolean;
  /** The steps the caller may take now. */
  allowedTransitions: FindingState[];
  createdAt: Date;
  updatedAt: Date;
}

export interface FindingDetailView extends FindingView {
  history: {
    at: Date;
    actor: { id: string; displayName: string } | null;
    from: FindingState | null;
    to: FindingState | null;
    note: string | null;
  }[];
}

export const findingReference = (number: number): string => `T-${String(number).padStart(2, '0')}`;

export function findingView(f: FindingRecord, role: Role, today: string): FindingView {
  const ca = f.correctiveAction;
  return {
    id: f.id,
    assessmentId: f.assessmentId,
    unitId: f.assessment.unitId,
    number: f.number,
    reference: findingReference(f.number),
    clause: { number: f.clause.number, title: { id: f.clause.titleId, en: f.clause.titleEn } },
    grade: f.grade,
    statement: f.statement,
    objectiveEvidence: f.objectiveEvidence,
    state: f.state,
    evidence: [...f.evidence]
      .sort((a, b) => a.title.localeCompare(b.title))
      .map((e) => ({ id: e.id, title: e.title })),
    correctiveAction: ca
      ? {
          correction: ca.correction,
          rootCause: ca.rootCause,
          action: ca.action,
          owner: ca.owner,
          dueOn: ca.dueOn,
          plannedAt: ca.plannedAt,
          implementedAt: ca.implementedAt,
          verifiedAt: ca.verifiedAt,
          closedAt: ca.closedAt,
        }
      : null,
    overdue: isOverdue({ grade: f.grade, state: f.state, dueOn: ca?.dueOn ?? null }, today),
    allowedTransitions: allowedTransitions(f.state, f.grade, role),
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
  };
}
