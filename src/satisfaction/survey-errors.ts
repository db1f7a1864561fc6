import { domainErrors } from '../common/domain-error.js';
import { translate, type Language } from '../i18n/i18n.js';
import { elementName } from './elements.js';
import type { HeaderProblem, RowRefusal } from './survey-sheet.js';

/** The refusals of the satisfaction-survey import, each with its text `error.<code>` in the locales. */
export class SurveyError extends domainErrors({
  survey_not_readable: 400,
  survey_empty: 400,
  survey_wrong_columns: 400,
  survey_duplicate_file: 409,
  survey_period_exists: 409,
  survey_replace_ambiguous: 409,
  survey_concurrent_import: 409,
  survey_unsupported_type: 415,
  survey_rows_refused: 422,
}) {}

/** 400: the header does not name the nine elements; each unknown or missing one is said. */
export class SurveyWrongColumns extends SurveyError {
  constructor(readonly problems: HeaderProblem[]) {
    super('survey_wrong_columns');
  }

  override inLanguage(lang: Language) {
    const problems = this.problems.map((p) => ({
      ...p,
      message: translate(lang, `survey.header.${p.reason}`, {
        column: 'column' in p ? p.column : '',
        element: 'element' in p ? `${p.element} ${elementName(p.element, lang)}` : '',
      }),
    }));
    return {
      params: { problems: problems.map((p) => p.message).join('; ') },
      details: { problems },
    };
  }
}

/** 422: rows the import refuses, each by line with its message; nothing was imported. */
export class SurveyRowsRefused extends SurveyError {
  constructor(readonly refused: RowRefusal[]) {
    super('survey_rows_refused', { count: refused.length }, { refused });
  }

  override inLanguage(lang: Language) {
    const refused = this.refused.map((r) => ({
      ...r,
      message: translate(lang, `survey.refused.${r.reason}`, {
        line: r.line,
        element: r.element ? elementName(r.element, lang) : '',
        value: r.value,
      }),
    }));
    return { details: { refused } };
  }
}
