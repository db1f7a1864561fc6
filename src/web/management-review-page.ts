import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { can } from '../auth/permissions.js';
import { translate, type Language } from '../i18n/i18n.js';
import { ManagementReviewService } from '../management-review/management-review.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { IssuedReportsService } from '../reports/issued/issued-reports.service.js';
import { asList, fieldErrors, runForm, type Again, type Posted } from './forms.js';
import {
  checklistChange,
  type ChecklistForm,
  type CompleteActionForm,
  type CreateReviewForm,
  type DecisionForm,
} from './review-forms.js';

const REVIEW_FIELDS = ['title', 'heldOn', 'chair', 'attendees'];
const DECISION_FIELDS = ['decision', 'action', 'owner', 'dueOn'];

/** Which form of the review page came back refused. */
type ReviewForm = 'checklist' | 'decision' | 'close' | 'minutes' | 'action';

/** templates/pages/management-reviews.hbs and management-review.hbs (clause 9.3). */
@Injectable()
export class ManagementReviewPage {
  constructor(
    private readonly reviews: ManagementReviewService,
    private readonly organisations: OrganisationsService,
    private readonly reports: IssuedReportsService,
  ) {}

  /** The unit's reviews, most recent first, and the form to record one. */
  async list(me: Principal, unitId: string, lang: Language, again: Again | null = null) {
    const unit = await this.organisations.unit(me, unitId);
    const reviews = await this.reviews.list(me, unitId);
    return {
      pageTitle: translate(lang, 'review.list_title', { unit: unit.name }),
      unit,
      reviews: reviews.map((r) => ({
        ...r,
        missingCount: r.missingInputs.length,
        stateLabel: translate(lang, `review.state.${r.state}`),
      })),
      canManage: can(me, 'management_review.manage'),
      error: again?.problem ?? null,
      errors: fieldErrors(REVIEW_FIELDS, again?.problem ?? null),
      form: { title: '', heldOn: '', chair: '', attendees: '', ...again?.posted },
    };
  }

  create(me: Principal, unitId: string, lang: Language, form: Posted<CreateReviewForm>) {
    return form.submit(
      async (dto) => {
        const review = await this.reviews.create(me, unitId, dto, lang);
        return `/management-reviews/${review.id}?flash=review_saved`;
      },
      (again) => this.list(me, unitId, lang, again),
    );
  }

  /** One review: its checklist, decisions and the close button; `again` for the form refused. */
  async review(
    me: Principal,
    id: string,
    lang: Language,
    again: (Again & { form: ReviewForm }) | null = null,
  ) {
    const review = await this.reviews.get(me, id, lang);
    const posted = again?.form === 'checklist' ? again.posted : null;
    const ticked = new Set(asList(posted?.discussed));
    const notes = asList(posted?.notes);
    const closed = review.state === 'closed';
    const minutes = closed && can(me, 'reports.read') ? await this.reports.forReview(me, id) : [];
    const problem = (form: ReviewForm) => (again?.form === form ? again.problem : null);
    const canManage = can(me, 'management_review.manage');
    const canEdit = review.state === 'draft' && canManage;
    const canIssueMinutes = closed && canManage;
    // A refusal of a form the page no longer shows (closing a review closed meanwhile) is said on top.
    const hidden =
      ((again?.form === 'decision' || again?.form === 'close') && !canEdit) ||
      (again?.form === 'minutes' && !canIssueMinutes);
    return {
      pageTitle: review.title,
      review,
      unit: review.unit,
      stateLabel: translate(lang, `review.state.${review.state}`),
      draft: review.state === 'draft',
      canEdit,
      pageError: hidden ? again.problem : null,
      inputs: review.inputs.map((input, i) => ({
        ...input,
        checked: posted ? ticked.has(input.code) : input.discussed,
        noteText: posted ? (notes[i] ?? '') : (input.note ?? ''),
      })),
      decisions: review.decisions.map((d) => ({
        ...d,
        statusLabel: d.actionStatus
          ? translate(lang, `review.action_status.${d.actionStatus}`)
          : null,
        // An action is marked done whether the review is still a draft or closed.
        canComplete: d.actionStatus === 'open' && canManage,
      })),
      minutes,
      canIssueMinutes,
      minutesError: problem('minutes'),
      checklistError: problem('checklist'),
      decisionError: problem('decision'),
      closeError: problem('close'),
      actionError: problem('action'),
      decisionErrors: fieldErrors(DECISION_FIELDS, problem('decision')),
      decisionForm: {
        decision: '',
        action: '',
        owner: '',
        dueOn: '',
        ...(again?.form === 'decision' ? again.posted : {}),
      },
    };
  }

  saveChecklist(me: Principal, id: string, lang: Language, form: Posted<ChecklistForm>) {
    return form.submit(
      async (posted) => {
        await this.reviews.update(me, id, checklistChange(posted), lang);
        return `/management-reviews/${id}?flash=review_saved`;
      },
      (again) => this.review(me, id, lang, { ...again, form: 'checklist' }),
      (refusal) => refusal.status,
    );
  }

  addDecision(me: Principal, id: string, lang: Language, form: Posted<DecisionForm>) {
    return form.submit(
      async (dto) => {
        await this.reviews.addDecision(me, id, dto, lang);
        return `/management-reviews/${id}?flash=decision_saved#decisions`;
      },
      (again) => this.review(me, id, lang, { ...again, form: 'decision' }),
      (refusal) => refusal.status,
    );
  }

  /**
   * Mark a decision's action done (the same as POST /api/review-decisions/:id/complete), from the
   * review page or the unit page; a refusal (done meanwhile: 409) is shown on the review page.
   */
  completeAction(me: Principal, id: string, lang: Language, form: Posted<CompleteActionForm>) {
    return form.submit(
      async ({ back, ...dto }) => {
        const d = await this.reviews.completeAction(me, id, dto);
        return back === 'unit'
          ? `/units/${d.unitId}?flash=action_done#review-actions`
          : `/management-reviews/${d.reviewId}?flash=action_done#decisions`;
      },
      async (again) => {
        const { reviewId } = await this.reviews.decision(me, id);
        return this.review(me, reviewId, lang, { ...again, form: 'action' });
      },
      (refusal) => refusal.status,
    );
  }

  /** Issue the minutes of a closed review (a numbered, frozen PDF). */
  issueMinutes(me: Principal, id: string, lang: Language) {
    return runForm(
      lang,
      async () => {
        await this.reports.issueMinutes(me, id, lang);
        return `/management-reviews/${id}?flash=report_issued`;
      },
      (problem) => this.review(me, id, lang, { problem, posted: {}, form: 'minutes' }),
      (refusal) => refusal.status,
    );
  }

  /** Close: a 422 lists the 9.3.2 inputs not discussed on the page. */
  close(me: Principal, id: string, lang: Language) {
    return runForm(
      lang,
      async () => {
        await this.reviews.close(me, id, lang);
        return `/management-reviews/${id}?flash=review_closed`;
      },
      (problem) => this.review(me, id, lang, { problem, posted: {}, form: 'close' }),
      (refusal) => refusal.status,
    );
  }
}
