/*
 * The rules of an ISO 18091 Annex A diagnostic, as plain functions: the four quadrants, the traffic
 * light, quadrant counts and the comparison with the previous period.
 */

/** The quadrants of Annex A, in the order of the standard (and of every catalogue file). */
export const QUADRANTS = ['institutional', 'economic', 'social', 'environmental'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

/** Annex A has 39 indicators; a catalogue with another number is refused at load. */
export const INDICATOR_COUNT = 39;

/**
 * red: unacceptable or non-existent practice; yellow: below the acceptable minimum (some actions,
 * not systematic); green: the minimum acceptable, reliable. An indicator not yet rated has null.
 */
export const DIAGNOSTIC_RATINGS = ['red', 'yellow', 'green'] as const;
export type DiagnosticRating = (typeof DIAGNOSTIC_RATINGS)[number];

/** improved / worse / same against the previous period; not_comparable when either side is unrated. */
export type RatingTrend = 'improved' | 'worse' | 'same' | 'not_comparable';

/** The periods a diagnostic may be opened for (a calendar year). */
export const FIRST_PERIOD = 2000;
export const LAST_PERIOD = 2100;

const RANK: Record<DiagnosticRating, number> = { red: 0, yellow: 1, green: 2 };

export function compareRatings(
  previous: DiagnosticRating | null,
  current: DiagnosticRating | null,
): RatingTrend {
  if (previous === null || current === null) return 'not_comparable';
  const d = RANK[current] - RANK[previous];
  return d > 0 ? 'improved' : d < 0 ? 'worse' : 'same';
}

export interface RatingCounts {
  red: number;
  yellow: number;
  green: number;
  notRated: number;
}

export interface QuadrantSummary extends RatingCounts {
  quadrant: Quadrant;
  total: number;
}

/** Counts of red / yellow / green / not rated per quadrant, every quadrant listed (in order). */
export function quadrantSummaries(
  ratings: readonly { quadrant: Quadrant; rating: DiagnosticRating | null }[],
): QuadrantSummary[] {
  return QUADRANTS.map((quadrant) => {
    const own = ratings.filter((r) => r.quadrant === quadrant);
    const count = (rating: DiagnosticRating | null): number =>
      own.filter((r) => r.rating === rating).length;
    return {
      quadrant,
      total: own.length,
      red: count('red'),
      yellow: count('yellow'),
      green: count('green'),
      notRated: count(null),
    };
  });
}

export interface TrendCounts {
  improved: number;
  worse: number;
  same: number;
  notComparable: number;
}

export function trendCounts(trends: Iterable<RatingTrend>): TrendCounts {
  const counts: TrendCounts = { improved: 0, worse: 0, same: 0, notComparable: 0 };
  for (const t of trends) {
    if (t === 'not_comparable') counts.notComparable++;
    else counts[t]++;
  }
  return counts;
}
