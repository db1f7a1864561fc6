import type { AssessmentState } from '../assessments/assessment-types.js';
import type {
  AuditMethod,
  EntryStatus,
  IndependenceException,
} from '../audit-programme/programme-rules.js';
import type {
  AuditorView,
  EntryView,
  ProgrammeSummaryView,
  ProgrammeView,
} from '../audit-programme/programme-views.js';

export class AuditorResponse implements AuditorView {
  id!: string;
  username!: string;
  displayName!: string;
}

export class AuditEntryUnitResponse {
  id!: string;
  code!: string;
  name!: string;
}

export class IndependenceExceptionResponse implements IndependenceException {
  userId!: string;
  justification!: string;
  recordedById!: string;
  /** ISO 8601 instant. */
  recordedAt!: string;
}

export class AuditEntryResponse implements EntryView {
  id!: string;
  programmeId!: string;
  year!: number;
  unit!: AuditEntryUnitResponse;
  scopeClauses!: string[];
  scopeProcesses!: string | null;
  plannedStartOn!: string;
  plannedEndOn!: string;
  /** Months (1–12) of the programme's year the audit spans. */
  months!: number[];
  leadAuditor!: AuditorResponse;
  team!: AuditorResponse[];
  criteria!: string;
  method!: AuditMethod;
  /** planned, in_progress (its assessment exists), done (its assessment is reported), postponed. */
  status!: EntryStatus;
  /** Planned or in progress after its planned end day. */
  overdue!: boolean;
  postponedReason!: string | null;
  independenceExceptions!: IndependenceExceptionResponse[];
  assessmentId!: string | null;
  assessmentState!: AssessmentState | null;
}

export class AuditProgrammeSummaryResponse implements ProgrammeSummaryView {
  id!: string;
  organisationId!: string;
  year!: number;
  title!: string;
}

export class AuditProgrammeCountsResponse {
  planned!: number;
  in_progress!: number;
  done!: number;
  postponed!: number;
  overdue!: number;
}

export class AuditProgrammeResponse implements ProgrammeView {
  id!: string;
  organisationId!: string;
  year!: number;
  title!: string;
  counts!: AuditProgrammeCountsResponse;
  entries!: AuditEntryResponse[];
}
