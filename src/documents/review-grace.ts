import { DEFAULT_REVIEW_GRACE_DAYS } from './document-rules.js';

/**
 * Days a document's periodic review may be late before it blocks readiness: set once at start-up
 * from MUTU_DOCUMENT_REVIEW_GRACE_DAYS (DocumentsModule), read by the readiness loader, which runs
 * outside dependency injection (a plain function over an EntityManager).
 */
let graceDays = DEFAULT_REVIEW_GRACE_DAYS;

export function setDocumentReviewGraceDays(days: number): void {
  graceDays = days;
}

export function documentReviewGraceDays(): number {
  return graceDays;
}
