import { domainErrors } from '../common/domain-error.js';

/** The refusals of the risk register, each with its text `error.<code>` in the locales. */
export class RiskError extends domainErrors({
  risk_matrix_scale_too_small: 422,
}) {}
