import { domainErrors } from '../../common/domain-error.js';

/** The refusals of issued reports, each with its text `error.<code>` in the locales. */
export class ReportError extends domainErrors({
  report_issue_race: 409,
  /** The issued file is missing or not the size recorded: the operator has to restore it. */
  report_file_unavailable: 500,
}) {}
