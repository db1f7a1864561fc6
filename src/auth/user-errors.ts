import { domainErrors } from '../common/domain-error.js';

/** The refusals of user administration and the own profile, each with its text `error.<code>` in the locales. */
export class UserError extends domainErrors({
  wrong_current_password: 403,
  username_taken: 409,
  cannot_disable_self: 409,
}) {}
