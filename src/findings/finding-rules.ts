import { assertIsoDay } from '../common/dates.js';
import type { FindingGrade, FindingState } from './finding-types.js';

/**
 * What a finding's grade and state decide, as plain predicates: whether it is a nonconformity
 * (major or minor, so it needs a corrective action), whether it is resolved, and whether it is
 * overdue. The one home of these rules; the life cycle (finding-lifecycle.ts), readiness, the
 * views and the pages ask here.
 */

export const NONCONFORMITY_GRADES = ['major', 'minor'] as const satisfies readonly FindingGrade[];
export type NonconformityGrade = (typeof NONCONFORMITY_GRADES)[number];

export const isNonconformity = (grade: FindingGrade): grade is NonconformityGrade =>
  (NONCONFORMITY_GRADES as readonly FindingGrade[]).includes(grade);

/** Verified counts as resolved: certification needs a verified correction, closing is paperwork. */
export const isResolved = (state: FindingState): boolean =>
  state === 'verified' || state === 'closed';

export interface OverdueCandidate {
  grade: FindingGrade;
  state: FindingState;
  dueOn: string | null;
}

/**
 * The one overdue rule (readiness uses it too): an unresolved nonconformity whose due date has
 * passed. The due date is the last day to act, so a finding due today is not yet overdue.
 */
export function isOverdue(finding: OverdueCandidate, today: string): boolean {
  assertIsoDay(today);
  return (
    isNonconformity(finding.grade) &&
    !isResolved(finding.state) &&
    finding.dueOn !== null &&
    finding.dueOn < today
  );
}

/** While the corrective action can still be written or rewritten; from implemented on it is locked. */
export const PLAN_EDITABLE_STATES = [
  'open',
  'planned',
  'reopened',
] as const satisfies readonly FindingState[];

export const isPlanEditable = (state: FindingState): boolean =>
  (PLAN_EDITABLE_STATES as readonly FindingState[]).includes(state);

/** Whether a finding takes a corrective action plan now: a nonconformity whose plan is not locked. */
export const acceptsPlan = (finding: { grade: FindingGrade; state: FindingState }): boolean =>
  isNonconformity(finding.grade) && isPlanEditable(finding.state);
