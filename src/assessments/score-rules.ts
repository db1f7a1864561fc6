import type { Rating } from './assessment-types.js';

/**
 * The score of rated clauses, one home for the cycle's summary (assessment-views.ts) and for
 * readiness (readiness.ts): counts per rating over the leaves, the mean over those that apply.
 */
export interface ClauseCounts {
  applicable: number;
  notApplicable: number;
  met: number;
  partlyMet: number;
  notMet: number;
  notAssessed: number;
}

export const emptyCounts = (): ClauseCounts => ({
  applicable: 0,
  notApplicable: 0,
  met: 0,
  partlyMet: 0,
  notMet: 0,
  notAssessed: 0,
});

const COUNT_OF: Record<Rating, Exclude<keyof ClauseCounts, 'applicable' | 'notApplicable'>> = {
  met: 'met',
  partly_met: 'partlyMet',
  not_met: 'notMet',
  not_assessed: 'notAssessed',
};

/** Counts one leaf: as not applicable, or as applicable with its rating. */
export function countRating(
  counts: ClauseCounts,
  leaf: { applicable: boolean; rating: Rating },
): void {
  if (!leaf.applicable) {
    counts.notApplicable += 1;
    return;
  }
  counts.applicable += 1;
  counts[COUNT_OF[leaf.rating]] += 1;
}

export function addCounts(into: ClauseCounts, from: ClauseCounts): void {
  into.applicable += from.applicable;
  into.notApplicable += from.notApplicable;
  into.met += from.met;
  into.partlyMet += from.partlyMet;
  into.notMet += from.notMet;
  into.notAssessed += from.notAssessed;
}

/** Mean over applicable leaves (met 1, partly met 0.5, else 0); null when none applies. */
export const scoreOf = (c: ClauseCounts): number | null =>
  c.applicable === 0 ? null : (c.met + c.partlyMet / 2) / c.applicable;

/** 0.8384 → 83.8. Rounding at 6 decimals first drops binary noise so that 50.25 % shows as 50.3. */
export function toPercent(score: number): number;
export function toPercent(score: number | null): number | null;
export function toPercent(score: number | null): number | null {
  return score === null ? null : Math.round(Number((score * 1000).toFixed(6))) / 10;
}
