import type {
  CatalogueRef,
  DiagnosticSummaryView,
  DiagnosticView,
  IndicatorRatingView,
} from '../diagnostics/diagnostic-views.js';
import type {
  DiagnosticRating,
  Quadrant,
  QuadrantSummary,
  RatingTrend,
  TrendCounts,
} from '../diagnostics/diagnostic-rules.js';

export class DiagnosticCatalogueRefResponse implements CatalogueRef {
  code!: string;
  version!: number;
  /** True for Mutu's demo paraphrase (not the standard's licensed wording). */
  paraphrase!: boolean;
  title!: string;
}

export class QuadrantSummaryResponse implements QuadrantSummary {
  /** institutional, economic, social or environmental */
  quadrant!: Quadrant;
  total!: number;
  red!: number;
  yellow!: number;
  green!: number;
  notRated!: number;
}

export class DiagnosticSummaryResponse implements DiagnosticSummaryView {
  id!: string;
  organisationId!: string;
  /** The year. */
  period!: number;
  label!: string | null;
  catalogue!: DiagnosticCatalogueRefResponse;
  quadrants!: QuadrantSummaryResponse[];
  createdAt!: string;
}

export class DiagnosticEvidenceLinkResponse {
  id!: string;
  unitId!: string;
  title!: string;
}

export class DiagnosticRaterResponse {
  id!: string;
  displayName!: string;
}

export class IndicatorRatingResponse implements IndicatorRatingView {
  /** "1.1" … "4.8" */
  code!: string;
  quadrant!: Quadrant;
  title!: string;
  checks!: string[];
  /** red, yellow, green, or null (not rated). */
  rating!: DiagnosticRating | null;
  note!: string | null;
  evidence!: DiagnosticEvidenceLinkResponse[];
  ratedBy!: DiagnosticRaterResponse | null;
  ratedAt!: string | null;
  previousRating!: DiagnosticRating | null;
  /** improved, worse, same or not_comparable against the previous period. */
  trend!: RatingTrend;
}

export class QuadrantTitleResponse {
  quadrant!: Quadrant;
  title!: string;
}

export class DiagnosticPreviousResponse {
  id!: string;
  period!: number;
}

export class TrendCountsResponse implements TrendCounts {
  improved!: number;
  worse!: number;
  same!: number;
  notComparable!: number;
}

export class DiagnosticResponse extends DiagnosticSummaryResponse implements DiagnosticView {
  quadrantTitles!: QuadrantTitleResponse[];
  previous!: DiagnosticPreviousResponse | null;
  comparison!: TrendCountsResponse | null;
  indicators!: IndicatorRatingResponse[];
}
