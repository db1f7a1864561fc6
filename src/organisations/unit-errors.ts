import { domainErrors } from '../common/domain-error.js';

/** The refusals of the organisations and units module, each with its text `error.<code>` in the locales. */
export class UnitError extends domainErrors({
  unit_code_taken: 409,
}) {}
