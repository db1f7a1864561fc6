import { domainErrors } from '../common/domain-error.js';

/** The refusals of the audit programme, each with its text `error.<code>` in the locales. */
export class AuditProgrammeError extends domainErrors({
  audit_programme_exists: 409,
  audit_entry_status_not_allowed: 409,
  audit_entry_started: 409,
  audit_entry_not_startable: 409,
  auditor_not_independent: 422,
}) {}
