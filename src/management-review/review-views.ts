import type { Language } from '../i18n/i18n.js';
import type { ManagementReview, ReviewDecision } from './management-review.entity.js';
import {
  inputText,
  isActionOverdue,
  missingInputs,
  REVIEW_INPUTS,
  type RecordLink,
  type ReviewActionStatus,
  type ReviewInputCode,
  type ReviewState,
} from './review-rules.js';

export interface ReviewInputView {
  code: ReviewInputCode;
  clause: string;
  text: string;
  discussed: boolean;
  note: string | null;
  links: RecordLink[];
}

export interface DecisionView {
  id: string;
  reviewId: string;
  unitId: string;
  decision: string;
  action: string | null;
  owner: string | null;
  dueOn: string | null;
  /** null when the decision needs no action. */
  actionStatus: ReviewActionStatus | null;
  overdue: boolean;
  completedAt: string | null;
  completionNote: string | null;
}

export interface ReviewSummaryView {
  id: string;
  unitId: string;
  title: string;
  heldOn: string;
  chair: string;
  state: ReviewState;
  /** Inputs of 9.3.2 not yet discussed. */
  missingInputs: ReviewInputCode[];
}

export interface ReviewView extends ReviewSummaryView {
  unit: { id: string; code: string; name: string };
  attendees: string[];
  closedAt: string | null;
  inputs: ReviewInputView[];
  decisions: DecisionView[];
}

export const decisionView = (d: ReviewDecision, today: string): DecisionView => ({
  id: d.id,
  reviewId: d.reviewId,
  unitId: d.unitId,
  decision: d.decision,
  action: d.action,
  owner: d.owner,
  dueOn: d.dueOn,
  actionStatus: d.actionStatus,
  overdue: isActionOverdue(d, today),
  completedAt: d.completedAt ? d.completedAt.toISOString() : null,
  completionNote: d.completionNote,
});

export const reviewSummary = (r: ManagementReview): ReviewSummaryView => ({
  id: r.id,
  unitId: r.unitId,
  title: r.title,
  heldOn: r.heldOn,
  chair: r.chair,
  state: r.state,
  missingInputs: missingInputs(r.inputs),
});

export function reviewView(
  r: ManagementReview & { unit: { id: string; code: string; name: string } },
  decisions: ReviewDecision[],
  lang: Language,
  today: string,
): ReviewView {
  const byCode = new Map(r.inputs.map((i) => [i.code, i]));
  return {
    ...reviewSummary(r),
    unit: { id: r.unit.id, code: r.unit.code, name: r.unit.name },
    attendees: r.attendees,
    closedAt: r.closedAt ? r.closedAt.toISOString() : null,
    inputs: REVIEW_INPUTS.map((def) => {
      const i = byCode.get(def.code);
      return {
        code: def.code,
        clause: def.clause,
        text: inputText(def.code, lang),
        discussed: i?.discussed ?? false,
        note: i?.note ?? null,
        links: i?.links ?? [],
      };
    }),
    decisions: decisions.map((d) => decisionView(d, today)),
  };
}
