import { domainErrors } from '../common/domain-error.js';

/** The refusals of quality objectives, each with its text `error.<code>` in the locales. */
export class ObjectiveError extends domainErrors({
  measurement_period_exists: 409,
}) {}
