import type { DocumentDetail } from '../documents/document-views.js';
import type { Language } from '../i18n/i18n.js';
import { documentRows } from './document-register.js';
import { textIn } from './report-document.js';

/** The gap report's section on the unit's controlled documents and their state (issue #15). */
export function gapDocumentsSection(
  documents: readonly DocumentDetail[] | undefined,
  lang: Language,
) {
  const list = documents ?? [];
  return {
    title: textIn(lang)('report.gap.documents'),
    table: {
      rows: documentRows(list, lang),
      empty: list.length ? null : textIn(lang)('report.documents.empty'),
    },
  };
}
