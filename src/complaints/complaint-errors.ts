import { domainErrors } from '../common/domain-error.js';
import { translate, type Language } from '../i18n/i18n.js';
import type { ComplaintMapping, ResolvedMapping } from './complaint-mapping.js';
import type { ComplaintRowRefusal } from './complaint-rows.js';

/** The refusals of the complaint log and its findings, each with its text `error.<code>` in the locales. */
export class ComplaintError extends domainErrors({
  complaint_not_readable: 400,
  complaint_log_empty: 400,
  complaint_unsupported_type: 415,
  complaint_mapping_incomplete: 422,
  complaint_mapping_unconfirmed: 422,
  complaint_rows_refused: 422,
  complaint_category_not_recurring: 422,
}) {}

/**
 * 422: the mapping names a missing or a personal column, or lacks a required field; carries the
 * headers and the proposed mapping (what the confirmation screen shows), each problem said.
 */
export class ComplaintMappingIncomplete extends ComplaintError {
  constructor(
    readonly resolved: Pick<ResolvedMapping, 'problems' | 'missing'> & {
      mapping: ComplaintMapping;
    },
    readonly columns: string[],
  ) {
    super('complaint_mapping_incomplete');
  }

  override inLanguage(lang: Language) {
    const field = (f: string) => translate(lang, `complaint.field.${f}`);
    const problems = [
      ...this.resolved.problems.map((p) => ({
        ...p,
        message: translate(lang, `complaint.mapping.${p.reason}`, {
          field: field(p.field),
          column: p.column,
        }),
      })),
      ...this.resolved.missing.map((f) => ({
        field: f,
        column: null,
        reason: 'field_unmapped' as const,
        message: translate(lang, 'complaint.mapping.field_unmapped', { field: field(f) }),
      })),
    ];
    return {
      params: { problems: problems.map((p) => p.message).join('; ') },
      details: { problems, headers: this.columns, proposed: this.resolved.mapping },
    };
  }
}

/** 422: rows the import refuses, each by line with its message; nothing was imported. */
export class ComplaintRowsRefused extends ComplaintError {
  constructor(readonly refused: ComplaintRowRefusal[]) {
    super('complaint_rows_refused', { count: refused.length });
  }

  override inLanguage(lang: Language) {
    const refused = this.refused.map((r) => ({
      ...r,
      message: translate(lang, `complaint.refused.${r.reason}`, {
        line: r.line,
        field: translate(lang, `complaint.field.${r.field}`),
        value: r.value,
      }),
    }));
    return { details: { refused } };
  }
}
