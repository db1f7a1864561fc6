import { can } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import type { DiagnosticView } from '../diagnostics/diagnostic-views.js';
import type { DiagnosticsService } from '../diagnostics/diagnostics.service.js';
import { diagnosticMatrix } from '../diagnostics/diagnostic-matrix.js';
import type { Language } from '../i18n/i18n.js';
import { textIn } from './report-document.js';

/** The organisation's newest ISO 18091 diagnostic, for a caller who may read diagnostics; else null. */
export async function latestDiagnostic(
  diagnostics: DiagnosticsService,
  me: Principal,
  organisationId: string,
  lang: Language,
): Promise<DiagnosticView | null> {
  return can(me.role, 'diagnostics.read') ? diagnostics.latest(me, organisationId, lang) : null;
}

/**
 * The management summary's section on the ISO 18091 Annex A diagnostic: the four quadrants as a
 * traffic-light table (every colour written out as text too, for grayscale printers), their counts,
 * and the comparison with the previous period. Null when there is no diagnostic to show.
 */
export function diagnosticSection(d: DiagnosticView | null, number: string, lang: Language) {
  if (!d) return null;
  const t = textIn(lang);
  const matrix = diagnosticMatrix(d, lang);
  return {
    number,
    heading: t('report.diagnostic.heading', { period: d.period }),
    catalogue: `${d.catalogue.title} · v${d.catalogue.version}`,
    paraphrase: d.catalogue.paraphrase ? t('diagnostic.paraphrase_notice') : null,
    comparison: matrix.comparisonText ?? t('report.diagnostic.no_previous'),
    quadrants: matrix.quadrants,
  };
}

/** The section's entry in the table of contents, when it is there. */
export const diagnosticTocEntry = (
  section: ReturnType<typeof diagnosticSection>,
): { anchor: string; number: string; title: string }[] =>
  section ? [{ anchor: 'diagnostic', number: section.number, title: section.heading }] : [];
