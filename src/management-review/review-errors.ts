import { domainErrors } from '../common/domain-error.js';
import type { Language } from '../i18n/i18n.js';
import { inputText, type ReviewInputCode } from './review-rules.js';

/** The refusals of management reviews, each with its text `error.<code>` in the locales. */
export class ReviewError extends domainErrors({
  management_review_closed: 409,
  review_action_not_open: 409,
  /** Minutes are issued of a closed review only. */
  review_not_closed: 409,
  review_inputs_not_discussed: 422,
}) {}

/** 422: the review cannot close while inputs of 9.3.2 are undiscussed; each is named by its text. */
export class ReviewInputsNotDiscussed extends ReviewError {
  constructor(readonly missing: readonly ReviewInputCode[]) {
    super(
      'review_inputs_not_discussed',
      { count: missing.length },
      missing.map((code) => ({ field: `inputs.${code}`, rule: 'notDiscussed', code })),
    );
  }

  override inLanguage(lang: Language) {
    return { params: { inputs: this.missing.map((c) => inputText(c, lang)).join('; ') } };
  }
}
