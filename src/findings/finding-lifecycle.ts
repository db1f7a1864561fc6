import type { Role } from '../auth/role.js';
import { addDays, assertIsoDay } from '../common/dates.js';
import { isNonconformity, type NonconformityGrade } from './finding-rules.js';
import type { FindingGrade, FindingState } from './finding-types.js';

/**
 * The life cycle of a finding (temuan), as a pure state machine an HTTP layer can ask before it
 * writes: 409 for `not_allowed_now` (with the allowed next steps), 403 for `role_not_allowed`,
 * 422 for `corrective_action_incomplete` and `note_required`.
 *
 * Nonconformities: open → planned → implemented → verified → closed; a failed verification sends
 * implemented → reopened, and the officer plans again or re-implements. The officer of the unit
 * acts, the assessor judges: keeping those apart is what makes a verified correction credible.
 * For the same reason `admin` and `management` take no step at all: an administrator manages
 * users, units and cycles, and giving that role a way round the officer/assessor split would
 * let one account both do and sign off a correction.
 *
 * Observations and opportunities for improvement carry no corrective action: the assessor closes
 * them, saying why in a note.
 */

export const CORRECTIVE_ACTION_FIELDS = [
  'correction',
  'rootCause',
  'action',
  'owner',
  'dueOn',
] as const;
export type CorrectiveActionField = (typeof CORRECTIVE_ACTION_FIELDS)[number];
export type CorrectiveActionDraft = Partial<Record<CorrectiveActionField, string | null>>;

/** The plan's fields that are absent or blank, in form order. */
export function missingPlanFields(
  plan: CorrectiveActionDraft | null | undefined,
): CorrectiveActionField[] {
  return CORRECTIVE_ACTION_FIELDS.filter((field) => !plan?.[field]?.trim());
}

interface Step {
  from: FindingState;
  to: FindingState;
  by: Role;
  /** A step that moves the correction forward needs the whole plan, not only the first time. */
  needsPlan?: true;
  /** Reopening and closing without action must say why, for the audit trail. */
  needsNote?: true;
}

const NONCONFORMITY_STEPS: readonly Step[] = [
  { from: 'open', to: 'planned', by: 'quality_officer', needsPlan: true },
  { from: 'reopened', to: 'planned', by: 'quality_officer', needsPlan: true },
  { from: 'planned', to: 'implemented', by: 'quality_officer', needsPlan: true },
  { from: 'reopened', to: 'implemented', by: 'quality_officer', needsPlan: true },
  { from: 'implemented', to: 'verified', by: 'assessor' },
  { from: 'implemented', to: 'reopened', by: 'assessor', needsNote: true },
  { from: 'verified', to: 'closed', by: 'assessor' },
];

const NOTE_ONLY_STEPS: readonly Step[] = [
  { from: 'open', to: 'closed', by: 'assessor', needsNote: true },
];

const stepsFor = (grade: FindingGrade): readonly Step[] =>
  isNonconformity(grade) ? NONCONFORMITY_STEPS : NOTE_ONLY_STEPS;

/** Every state reachable in one step from `state`, whoever takes it. */
export function nextStates(state: FindingState, grade: FindingGrade): FindingState[] {
  return stepsFor(grade)
    .filter((s) => s.from === state)
    .map((s) => s.to);
}

/** The steps this role may take from `state` (the buttons to show). */
export function allowedTransitions(
  state: FindingState,
  grade: FindingGrade,
  role: Role,
): FindingState[] {
  return stepsFor(grade)
    .filter((s) => s.from === state && s.by === role)
    .map((s) => s.to);
}

export type TransitionRefusal =
  'not_allowed_now' | 'role_not_allowed' | 'corrective_action_incomplete' | 'note_required';

export type TransitionCheck =
  | { ok: true }
  | {
      ok: false;
      reason: TransitionRefusal;
      /** The steps this caller may take from `from` instead. */
      allowed: FindingState[];
      missing?: CorrectiveActionField[];
    };

export interface TransitionRequest {
  from: FindingState;
  to: FindingState;
  grade: FindingGrade;
  role: Role;
  correctiveAction?: CorrectiveActionDraft | null;
  note?: string | null;
}

export function checkTransition(request: TransitionRequest): TransitionCheck {
  const { from, to, grade, role } = request;
  const allowed = allowedTransitions(from, grade, role);
  const step = stepsFor(grade).find((s) => s.from === from && s.to === to);
  if (!step) return { ok: false, reason: 'not_allowed_now', allowed };
  if (step.by !== role) return { ok: false, reason: 'role_not_allowed', allowed };
  if (step.needsPlan) {
    const missing = missingPlanFields(request.correctiveAction);
    if (missing.length > 0)
      return { ok: false, reason: 'corrective_action_incomplete', allowed, missing };
  }
  if (step.needsNote && !request.note?.trim())
    return { ok: false, reason: 'note_required', allowed };
  return { ok: true };
}

export type DueDeadlines = Readonly<Record<NonconformityGrade, number>>;

/** Days to respond per grade; 90 is common practice, not a rule of the standard, hence configurable. */
export const DEFAULT_DUE_DAYS: DueDeadlines = { major: 90, minor: 90 };

/** The default due date of a finding raised on `fromDate`; null for grades without corrective action. */
export function defaultDueOn(
  grade: FindingGrade,
  fromDate: string,
  deadlines: DueDeadlines = DEFAULT_DUE_DAYS,
): string | null {
  assertIsoDay(fromDate);
  if (!isNonconformity(grade)) return null;
  const days = deadlines[grade];
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`Deadline for ${grade} must be a whole number of days ≥ 0: ${days}`);
  return addDays(fromDate, days);
}
