import { can } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import type { DiagnosticView } from '../diagnostics/diagnostic-views.js';
import type { DiagnosticsService } from '../diagnostics/diagnostics.service.js';
import { QUADRANTS } from '../diagnostics/diagnostic-rules.js';
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
  return {
    number,
    heading: t('report.diagnostic.heading', { period: d.period }),
    catalogue: `${d.catalogue.title} · v${d.catalogue.version}`,
    paraphrase: d.catalogue.paraphrase ? t('diagnostic.paraphrase_notice') : null,
    comparison:
      d.previous && d.comparison
        ? t('diagnostic.comparison', { period: d.previous.period, ...d.comparison })
        : t('report.diagnostic.no_previous'),
    quadrants: QUADRANTS.map((quadrant) => {
      const summary = d.quadrants.find((q) => q.quadrant === quadrant)!;
      return {
        title: d.quadrantTitles.find((q) => q.quadrant === quadrant)?.title ?? quadrant,
        counts: t('diagnostic.counts', { ...summary }),
        indicators: d.indicators
          .filter((i) => i.quadrant === quadrant)
          .map((i) => ({
            code: i.code,
            title: i.title,
            light: i.rating ?? 'none',
            rating: t(`diagnostic.rating.${i.rating ?? 'none'}`),
            trend: d.previous ? t(`diagnostic.trend.${i.trend}`) : null,
          })),
      };
    }),
  };
}

/** The section's entry in the table of contents, when it is there. */
export const diagnosticTocEntry = (
  section: ReturnType<typeof diagnosticSection>,
): { anchor: string; number: string; title: string }[] =>
  section ? [{ anchor: 'diagnostic', number: section.number, title: section.heading }] : [];
