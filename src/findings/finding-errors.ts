import { Conflict, DomainError, domainErrors, RuleViolation } from '../common/domain-error.js';
import type { Role } from '../auth/role.js';
import type { CorrectiveActionField } from './finding-lifecycle.js';
import type { FindingState } from './finding-types.js';

/**
 * The refusals of the findings module, each code with its text `error.<code>` in
 * templates/locales: the plain ones in this table, those with words to say or field details as
 * the classes below. Params are codes (states, roles, fields); the exception filter says them in
 * the caller's language (DomainError.translated), so the service never needs a language.
 */
export class FindingError extends domainErrors({
  corrective_action_locked: 409,
  no_corrective_action: 422,
  due_date_in_past: 422,
  evidence_not_in_unit: 422,
  clause_not_in_standard: 422,
}) {}

interface Step {
  from: FindingState;
  to: FindingState;
  /** The steps the caller may take now. */
  allowed: FindingState[];
}

/** 409: the finding's state does not allow that step now; says which steps it does allow. */
export class FindingTransitionNotAllowed extends Conflict {
  override readonly translated = {
    from: 'finding_state',
    to: 'finding_state',
    allowed: 'finding_state',
  };
  constructor({ from, to, allowed }: Step) {
    super('transition_not_allowed', { from, to, allowed }, { from, to, allowed });
  }
}

/** 403: the step exists but another role takes it (`by`, when one does). */
export class FindingTransitionRoleNotAllowed extends DomainError {
  override readonly translated = { to: 'finding_state', by: 'role' };
  constructor(step: Step, by: Role | undefined) {
    super(
      403,
      'transition_role_not_allowed',
      { to: step.to, by: by ?? '' },
      { from: step.from, to: step.to, allowed: step.allowed },
    );
  }
}

/** 422: the step needs a complete corrective action; names the missing fields. */
export class CorrectiveActionIncomplete extends RuleViolation {
  override readonly translated = { fields: 'corrective_action' };
  constructor(missing: CorrectiveActionField[]) {
    super(
      'corrective_action_incomplete',
      { fields: missing },
      missing.map((field) => ({ field, rule: 'requiredForStep' })),
    );
  }
}

/** 422: the step needs a note (why it was not effective, how it was verified). */
export class TransitionNoteRequired extends RuleViolation {
  override readonly translated = { to: 'finding_state' };
  constructor(to: FindingState) {
    super('note_required', { to }, [{ field: 'note', rule: 'requiredForStep' }]);
  }
}

/**
 * 422: a finding raised from a complaint or a survey needs the unit's current assessment to be
 * recorded in, and the unit has none.
 */
export class NoAssessmentForFinding extends RuleViolation {
  constructor() {
    super('complaint_finding_no_assessment');
  }
}

/** 409: someone moved the finding between our read and our write. */
export class FindingChanged extends Conflict {
  constructor() {
    super('finding_changed');
  }
}
