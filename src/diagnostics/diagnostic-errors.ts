import { domainErrors } from '../common/domain-error.js';

/** The refusals of the Annex A diagnostic, each with its text `error.<code>` in the locales. */
export class DiagnosticError extends domainErrors({
  diagnostic_catalogue_not_found: 404,
  diagnostic_indicator_not_found: 404,
  diagnostic_period_exists: 409,
}) {}
