import type {
  CorrectiveActionView,
  FindingDetailView,
  FindingView,
} from '../findings/finding-views.js';
import type { FindingGrade, FindingState } from '../findings/finding-types.js';
import { ClauseRefResponse, PersonRefResponse } from './common.responses.js';

export class CorrectiveActionResponse implements CorrectiveActionView {
  correction!: string | null;
  rootCause!: string | null;
  action!: string | null;
  owner!: string | null;
  dueOn!: string | null;
  plannedAt!: Date | null;
  implementedAt!: Date | null;
  verifiedAt!: Date | null;
  closedAt!: Date | null;
}

export class EvidenceRefResponse {
  id!: string;
  title!: string;
}

export class FindingResponse implements FindingView {
  id!: string;
  assessmentId!: string;
  unitId!: string;
  number!: number;
  /** T-01, T-02 … as printed in reports. */
  reference!: string;
  clause!: ClauseRefResponse;
  grade!: FindingGrade;
  statement!: string;
  objectiveEvidence!: string | null;
  state!: FindingState;
  evidence!: EvidenceRefResponse[];
  correctiveAction!: CorrectiveActionResponse | null;
  /** An unresolved nonconformity past its due date. */
  overdue!: boolean;
  /** The steps the caller may take now. */
  allowedTransitions!: FindingState[];
  createdAt!: Date;
  updatedAt!: Date;
}

export class FindingStepResponse {
  at!: Date;
  actor!: PersonRefResponse | null;
  from!: FindingState | null;
  to!: FindingState | null;
  note!: string | null;
}

export class FindingDetailResponse extends FindingResponse implements FindingDetailView {
  history!: FindingStepResponse[];
}
