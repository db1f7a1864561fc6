import type {
  RecordLinkKind,
  ReviewActionStatus,
  ReviewInputCode,
  ReviewState,
} from '../management-review/review-rules.js';
import type {
  DecisionView,
  ReviewInputView,
  ReviewSummaryView,
  ReviewView,
} from '../management-review/review-views.js';

export class RecordLinkResponse {
  kind!: RecordLinkKind;
  id!: string;
}

export class ReviewInputResponse implements ReviewInputView {
  code!: ReviewInputCode;
  /** e.g. "9.3.2 c 1". */
  clause!: string;
  /** The input's text in the caller's language. */
  text!: string;
  discussed!: boolean;
  note!: string | null;
  links!: RecordLinkResponse[];
}

export class ReviewDecisionResponse implements DecisionView {
  id!: string;
  reviewId!: string;
  unitId!: string;
  decision!: string;
  action!: string | null;
  owner!: string | null;
  dueOn!: string | null;
  actionStatus!: ReviewActionStatus | null;
  overdue!: boolean;
  completedAt!: string | null;
  completionNote!: string | null;
}

export class ManagementReviewSummaryResponse implements ReviewSummaryView {
  id!: string;
  unitId!: string;
  title!: string;
  heldOn!: string;
  chair!: string;
  state!: ReviewState;
  missingInputs!: ReviewInputCode[];
}

export class ReviewUnitResponse {
  id!: string;
  code!: string;
  name!: string;
}

export class ManagementReviewResponse implements ReviewView {
  id!: string;
  unitId!: string;
  title!: string;
  heldOn!: string;
  chair!: string;
  state!: ReviewState;
  missingInputs!: ReviewInputCode[];
  unit!: ReviewUnitResponse;
  attendees!: string[];
  closedAt!: string | null;
  inputs!: ReviewInputResponse[];
  decisions!: ReviewDecisionResponse[];
}
