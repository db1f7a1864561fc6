import { domainErrors } from '../common/domain-error.js';

/** The refusals of document control, each with its text `error.<code>` in templates/locales. */
export class DocumentError extends domainErrors({
  document_revision_not_found: 404,
  document_own_revision: 403,
  document_transition_role: 403,
  document_number_taken: 409,
  document_revision_locked: 409,
  document_transition_not_allowed: 409,
  document_revision_older: 409,
  document_revision_obsolete: 409,
  document_review_without_effective: 422,
  document_effective_future: 422,
  document_not_distributed: 422,
}) {}
