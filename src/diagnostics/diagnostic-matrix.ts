import { translate, type Language } from '../i18n/i18n.js';
import { QUADRANTS } from './diagnostic-rules.js';
import type { DiagnosticView } from './diagnostic-views.js';

/**
 * A diagnostic as the 4-quadrant traffic-light matrix that the page and the summary PDF draw: each
 * indicator with its colour and, always beside it, the rating and the trend written out.
 */
export function diagnosticMatrix(d: DiagnosticView, lang: Language) {
  const t = (key: string, params: Record<string, unknown> = {}) => translate(lang, key, params);
  return {
    quadrants: QUADRANTS.map((quadrant, n) => {
      const summary = d.quadrants.find((q) => q.quadrant === quadrant)!;
      return {
        quadrant,
        number: n + 1,
        title: d.quadrantTitles.find((q) => q.quadrant === quadrant)?.title ?? quadrant,
        summary,
        summaryText: t('diagnostic.counts', { ...summary }),
        indicators: d.indicators
          .filter((i) => i.quadrant === quadrant)
          .map((i) => ({
            ...i,
            light: i.rating ?? 'none',
            lightText: t(`diagnostic.rating.${i.rating ?? 'none'}`),
            trendText: d.previous ? t(`diagnostic.trend.${i.trend}`) : null,
          })),
      };
    }),
    comparisonText:
      d.previous && d.comparison
        ? t('diagnostic.comparison', { period: d.previous.period, ...d.comparison })
        : null,
  };
}
