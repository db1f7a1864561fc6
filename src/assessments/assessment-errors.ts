import { domainErrors } from '../common/domain-error.js';
import { translate, type Language } from '../i18n/i18n.js';
import { clauseHeaders, ratingLabel, type ImportRefusal } from './assessment-sheet.js';
import { RATINGS } from './assessment-types.js';

/** The refusals of assessments and their ratings, each with its text `error.<code>` in the locales. */
export class AssessmentError extends domainErrors({
  not_assigned_assessor: 403,
  clause_not_found: 404,
  assessment_reported: 409,
  assessment_state_not_allowed: 409,
  previous_assessment_invalid: 422,
  rating_parent_clause: 422,
}) {}

/**
 * The refusals of a spreadsheet import (an assessment's workbook; survey and complaint logs share
 * the limits on rows and archives), each with its text `error.<code>` in the locales.
 */
export class ImportError extends domainErrors({
  import_not_xlsx: 400,
  import_wrong_columns: 400,
  import_too_many_rows: 400,
  import_too_large: 413,
  import_too_many_entries: 413,
  import_inflated_too_large: 413,
  import_unsupported_type: 415,
  import_refused: 422,
  import_other_assessment: 422,
}) {}

/** 413: the file (a workbook, a survey or complaint log) is over its limit; read no further. */
export class ImportTooLarge extends ImportError {
  constructor(limitBytes: number) {
    super('import_too_large', { limitMb: limitBytes / 1024 / 1024 });
  }
}

/** 422: the workbook's rows that cannot be applied, each with its message; nothing was applied. */
export class ImportRefused extends ImportError {
  constructor(readonly refused: ImportRefusal[]) {
    super('import_refused', { count: refused.length }, { applied: 0, unchanged: 0, refused });
  }

  override inLanguage(lang: Language) {
    const params = {
      labels: RATINGS.map((x) => ratingLabel(x, lang)).join(', '),
      notAssessed: ratingLabel('not_assessed', lang),
    };
    const refused = this.refused.map((r) => ({
      ...r,
      message: translate(lang, `import.refused.${r.reason}`, { clause: r.clause ?? '', ...params }),
    }));
    return { details: { applied: 0, unchanged: 0, refused } };
  }
}

/** 400: the sheet's first row is not the clause columns an export writes (named in `lang`). */
export class ImportWrongColumns extends ImportError {
  constructor(readonly found: string[]) {
    super('import_wrong_columns');
  }

  override inLanguage(lang: Language) {
    const expected = clauseHeaders(lang);
    return { params: { expected: expected.join(', ') }, details: { expected, found: this.found } };
  }
}
