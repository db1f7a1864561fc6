import type { AssessmentState } from '../assessments/assessment-types.js';

/**
 * The internal audit programme's rules (ISO 9001 9.2.2), as plain functions.
 *
 * Status: an entry is planned until it is started (an `internal_audit` assessment is created and
 * linked), then in progress until that assessment is reported, then done. A planned entry may be
 * postponed, with a reason, and resumed with new dates; a started one may not (its audit exists).
 * Overdue: planned or in progress, and the planned end day has passed. A postponed entry is not
 * flagged: it says why it waits, and resuming it asks for new dates.
 *
 * Independence (9.2.2 c, "auditors shall not audit their own work"): in Mutu a person's own unit is
 * a unit they are assigned to (user_unit: the units a quality officer or unit-level management acts
 * for), and a unit whose work they did is one where, within the last 12 months, they uploaded or
 * revised evidence or created a record (the audit log's actor of a change to that unit's records,
 * except audit work itself: assessments, ratings, findings, programme entries). Either refuses the
 * assignment (422 naming the auditor and the reason), unless an exception with a justification is
 * recorded for that auditor on that entry (9.2.2 c allows it where a small organisation has no one
 * else; the justification is kept, shown and audited).
 */

export const AUDIT_METHODS = ['on_site', 'remote', 'document_review', 'mixed'] as const;
export type AuditMethod = (typeof AUDIT_METHODS)[number];

export const STORED_ENTRY_STATUSES = ['planned', 'in_progress', 'postponed'] as const;
export type StoredEntryStatus = (typeof STORED_ENTRY_STATUSES)[number];

export const ENTRY_STATUSES = ['planned', 'in_progress', 'done', 'postponed'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const MIN_JUSTIFICATION = 20;

export interface IndependenceException {
  userId: string;
  justification: string;
  recordedById: string;
  recordedAt: string;
}

export interface EntryStatusInput {
  status: StoredEntryStatus;
  assessmentState: AssessmentState | null;
  plannedEndOn: string;
}

export interface EntryStatusView {
  status: EntryStatus;
  overdue: boolean;
}

/** The status shown for an entry today (`today`: 'YYYY-MM-DD' in WITA). */
export function entryStatus(entry: EntryStatusInput, today: string): EntryStatusView {
  if (entry.assessmentState === 'reported') return { status: 'done', overdue: false };
  const status: EntryStatus = entry.assessmentState !== null ? 'in_progress' : entry.status;
  return { status, overdue: status !== 'postponed' && entry.plannedEndOn < today };
}

/** Manual steps between stored statuses; `in_progress` is reached only by starting the entry. */
export const ENTRY_STEPS: Record<StoredEntryStatus, readonly StoredEntryStatus[]> = {
  planned: ['postponed'],
  postponed: ['planned'],
  in_progress: [],
};

export const canStep = (from: StoredEntryStatus, to: StoredEntryStatus): boolean =>
  ENTRY_STEPS[from].includes(to);

export type IndependenceReason = 'member_of_unit' | 'did_unit_work';

export interface AuditorFacts {
  userId: string;
  /** Units the auditor is assigned to (user_unit). */
  memberOf: readonly string[];
  /** Units whose records the auditor changed within the last 12 months (not by auditing them). */
  workedOn: readonly string[];
}

export interface IndependenceConflict {
  userId: string;
  reason: IndependenceReason;
}

/**
 * Auditors of the team (lead first) who may not audit `unitId`, with the first reason that applies;
 * those with a recorded exception are let through.
 */
export function independenceConflicts(
  auditors: readonly AuditorFacts[],
  unitId: string,
  exceptions: readonly Pick<IndependenceException, 'userId'>[],
): IndependenceConflict[] {
  const excepted = new Set(exceptions.map((e) => e.userId));
  return auditors.flatMap((a): IndependenceConflict[] => {
    if (excepted.has(a.userId)) return [];
    if (a.memberOf.includes(unitId)) return [{ userId: a.userId, reason: 'member_of_unit' }];
    if (a.workedOn.includes(unitId)) return [{ userId: a.userId, reason: 'did_unit_work' }];
    return [];
  });
}

/** Audit-log entities whose changes are audit work, not the unit's own work. */
export const AUDIT_WORK_ENTITIES = [
  'assessment',
  'clause_assessment',
  'finding',
  'audit_programme',
  'audit_programme_entry',
  'report',
  'issued_report',
] as const;

/** Audit-log actions on the unit's own records that are audit work too: reviewing its evidence. */
export const AUDIT_WORK_ACTIONS = ['evidence.review'] as const;

export interface DateProblem {
  field: string;
  rule: string;
}

/** Planned dates: end not before start, the start within the programme's year. */
export function plannedDateProblems(
  plannedStartOn: string,
  plannedEndOn: string,
  year: number,
): DateProblem[] {
  const problems: DateProblem[] = [];
  if (Number(plannedStartOn.slice(0, 4)) !== year)
    problems.push({ field: 'plannedStartOn', rule: 'inProgrammeYear' });
  if (plannedEndOn < plannedStartOn)
    problems.push({ field: 'plannedEndOn', rule: 'notBeforeStart' });
  return problems;
}

/** The months (1–12) an entry spans within `year`, for the calendar view. */
export function monthsOf(plannedStartOn: string, plannedEndOn: string, year: number): number[] {
  const month = (day: string, fallback: number): number =>
    Number(day.slice(0, 4)) < year ? 1 : Number(day.slice(0, 4)) > year ? 12 : fallback;
  const first = month(plannedStartOn, Number(plannedStartOn.slice(5, 7)));
  const last = month(plannedEndOn, Number(plannedEndOn.slice(5, 7)));
  const months: number[] = [];
  for (let m = first; m <= last; m += 1) months.push(m);
  return months;
}
