import type { Language } from '../i18n/i18n.js';
import type { DiagnosticCatalogue } from './diagnostic-catalogue.entity.js';
import type { DiagnosticIndicator } from './diagnostic-indicator.entity.js';
import type { DiagnosticRatingRecord } from './diagnostic-rating.entity.js';
import {
  compareRatings,
  quadrantSummaries,
  trendCounts,
  type DiagnosticRating,
  type Quadrant,
  type QuadrantSummary,
  type RatingTrend,
  type TrendCounts,
} from './diagnostic-rules.js';
import type { Diagnostic } from './diagnostic.entity.js';

export interface CatalogueRef {
  code: string;
  version: number;
  /** Mutu's demo paraphrase, not the standard's wording. */
  paraphrase: boolean;
  title: string;
}

export interface DiagnosticSummaryView {
  id: string;
  organisationId: string;
  period: number;
  label: string | null;
  catalogue: CatalogueRef;
  quadrants: QuadrantSummary[];
  createdAt: string;
}

export interface IndicatorRatingView {
  code: string;
  quadrant: Quadrant;
  title: string;
  /** Sub-indicators the rater checks, in the caller's language. */
  checks: string[];
  rating: DiagnosticRating | null;
  note: string | null;
  evidence: { id: string; unitId: string; title: string }[];
  ratedBy: { id: string; displayName: string } | null;
  ratedAt: string | null;
  /** The rating of the same indicator in the previous period (null when none or not rated). */
  previousRating: DiagnosticRating | null;
  trend: RatingTrend;
}

export interface DiagnosticView extends DiagnosticSummaryView {
  quadrantTitles: { quadrant: Quadrant; title: string }[];
  previous: { id: string; period: number } | null;
  comparison: TrendCounts | null;
  indicators: IndicatorRatingView[];
}

export type RatingWithIndicator = DiagnosticRatingRecord & { indicator: DiagnosticIndicator };

export function catalogueRef(c: DiagnosticCatalogue, lang: Language): CatalogueRef {
  return {
    code: c.code,
    version: c.version,
    paraphrase: c.paraphrase,
    title: lang === 'en' ? c.titleEn : c.titleId,
  };
}

export function diagnosticSummary(
  d: Diagnostic,
  catalogue: DiagnosticCatalogue,
  ratings: readonly { quadrant: Quadrant; rating: DiagnosticRating | null }[],
  lang: Language,
): DiagnosticSummaryView {
  return {
    id: d.id,
    organisationId: d.organisationId,
    period: d.period,
    label: d.label,
    catalogue: catalogueRef(catalogue, lang),
    quadrants: quadrantSummaries(ratings),
    createdAt: d.createdAt.toISOString(),
  };
}

export function indicatorView(
  r: RatingWithIndicator,
  previousRating: DiagnosticRating | null,
  lang: Language,
): IndicatorRatingView {
  const i = r.indicator;
  return {
    code: i.code,
    quadrant: i.quadrant,
    title: lang === 'en' ? i.titleEn : i.titleId,
    checks: lang === 'en' ? i.checks.en : i.checks.id,
    rating: r.rating,
    note: r.note,
    evidence: (r.evidence ?? [])
      .map((e) => ({ id: e.id, unitId: e.unitId, title: e.title }))
      .sort((a, b) => a.title.localeCompare(b.title, 'id') || a.id.localeCompare(b.id)),
    ratedBy: r.ratedBy ? { id: r.ratedBy.id, displayName: r.ratedBy.displayName } : null,
    ratedAt: r.ratedAt ? r.ratedAt.toISOString() : null,
    previousRating,
    trend: compareRatings(previousRating, r.rating),
  };
}

/** The whole diagnostic: every indicator in catalogue order, quadrant counts, the comparison. */
export function diagnosticView(
  d: Diagnostic,
  catalogue: DiagnosticCatalogue,
  ratings: readonly RatingWithIndicator[],
  previous: {
    diagnostic: Diagnostic;
    ratings: ReadonlyMap<string, DiagnosticRating | null>;
  } | null,
  lang: Language,
): DiagnosticView {
  const ordered = [...ratings].sort((a, b) => a.indicator.position - b.indicator.position);
  const indicators = ordered.map((r) =>
    indicatorView(r, previous?.ratings.get(r.indicator.code) ?? null, lang),
  );
  return {
    ...diagnosticSummary(d, catalogue, indicators, lang),
    quadrantTitles: catalogue.quadrants.map((q) => ({
      quadrant: q.code as Quadrant,
      title: lang === 'en' ? q.en : q.id,
    })),
    previous: previous ? { id: previous.diagnostic.id, period: previous.diagnostic.period } : null,
    comparison: previous ? trendCounts(indicators.map((i) => i.trend)) : null,
    indicators,
  };
}
