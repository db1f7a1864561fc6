import { yearAfter } from '../common/dates.js';
import type { FieldProblem } from '../common/domain-error.js';
import {
  HIGH_LEVELS,
  RISK_LEVELS,
  TREATMENTS,
  type RiskKind,
  type RiskLevel,
  type RiskMatrix,
} from './risk-types.js';

/**
 * The default matrix, the one place it is defined: 5 × 5, the level read from likelihood × impact
 * (1–4 low, 5–9 medium, 10–16 high, 20–25 extreme), the common scale of Indonesian government
 * risk management (PermenPAN-RB 5/2020 style). An organisation may store its own (risk-matrix route).
 */
export const DEFAULT_SCALE = 5;
export const MIN_SCALE = 3;
export const MAX_SCALE = 10;

export function levelOfScore(score: number, scale: number): RiskLevel {
  const max = scale * scale;
  const ratio = score / max;
  if (ratio >= 0.8) return 'extreme';
  if (ratio >= 0.4) return 'high';
  if (ratio >= 0.2) return 'medium';
  return 'low';
}

/** The score-band matrix of any scale; with 5 it is the default matrix. */
export function bandMatrix(scale: number): RiskMatrix {
  const cells = Array.from({ length: scale }, (_l, l) =>
    Array.from({ length: scale }, (_i, i) => levelOfScore((l + 1) * (i + 1), scale)),
  );
  return { scale, cells };
}

export const DEFAULT_MATRIX: RiskMatrix = bandMatrix(DEFAULT_SCALE);

const rank = (level: RiskLevel): number => RISK_LEVELS.indexOf(level);

/**
 * What is wrong with a matrix an organisation proposes: the scale within 3–10, a square grid of
 * known levels, and no cell lower than a cell of smaller likelihood and impact (more likely or more
 * severe never reads as a lower level). Empty when it is acceptable.
 */
export function matrixProblems(matrix: { scale: unknown; cells: unknown }): FieldProblem[] {
  const { scale, cells } = matrix;
  if (
    typeof scale !== 'number' ||
    !Number.isInteger(scale) ||
    scale < MIN_SCALE ||
    scale > MAX_SCALE
  )
    return [{ field: 'scale', rule: 'scaleRange', values: [String(MIN_SCALE), String(MAX_SCALE)] }];
  if (
    !Array.isArray(cells) ||
    cells.length !== scale ||
    cells.some((row) => !Array.isArray(row) || row.length !== scale)
  )
    return [{ field: 'cells', rule: 'matrixShape', values: [String(scale)] }];
  const grid = cells as unknown[][];
  for (const [l, row] of grid.entries())
    for (const [i, cell] of row.entries())
      if (!RISK_LEVELS.includes(cell as RiskLevel))
        return [{ field: `cells.${l}.${i}`, rule: 'isIn', values: [...RISK_LEVELS] }];
  const levels = grid as RiskLevel[][];
  for (let l = 0; l < scale; l++)
    for (let i = 0; i < scale; i++) {
      const below = Math.max(
        l > 0 ? rank(levels[l - 1][i]) : 0,
        i > 0 ? rank(levels[l][i - 1]) : 0,
      );
      if (rank(levels[l][i]) < below) return [{ field: `cells.${l}.${i}`, rule: 'matrixMonotone' }];
    }
  return [];
}

/** The level of a likelihood and impact on the matrix; a RangeError outside its scale. */
export function riskLevel(matrix: RiskMatrix, likelihood: number, impact: number): RiskLevel {
  const ok = (n: number) => Number.isInteger(n) && n >= 1 && n <= matrix.scale;
  if (!ok(likelihood) || !ok(impact))
    throw new RangeError(`Outside the scale 1–${matrix.scale}: ${likelihood} × ${impact}`);
  return matrix.cells[likelihood - 1][impact - 1];
}

export interface RiskRating {
  kind: RiskKind;
  likelihood: number;
  impact: number;
  treatment: string | null;
  residualLikelihood: number | null;
  residualImpact: number | null;
  reviewedOn: string;
}

/**
 * The problems of a risk's rating, each naming its field: likelihood and impact within the scale,
 * a treatment that fits the kind, a residual rating given whole (both or neither), only after a
 * treatment, and for a risk not above the rating before treatment; the review day not after today.
 */
export function ratingProblems(r: RiskRating, matrix: RiskMatrix, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const range = [`1–${matrix.scale}`];
  const onScale = (n: number | null) =>
    n === null || (Number.isInteger(n) && n >= 1 && n <= matrix.scale);
  for (const field of ['likelihood', 'impact', 'residualLikelihood', 'residualImpact'] as const)
    if (!onScale(r[field])) problems.push({ field, rule: 'outsideScale', values: range });
  if (r.treatment !== null && !TREATMENTS[r.kind].includes(r.treatment))
    problems.push({ field: 'treatment', rule: 'isIn', values: [...TREATMENTS[r.kind]] });
  const residualGiven = [r.residualLikelihood, r.residualImpact].filter((v) => v !== null).length;
  if (residualGiven === 1)
    problems.push({
      field: r.residualLikelihood === null ? 'residualLikelihood' : 'residualImpact',
      rule: 'residualIncomplete',
    });
  if (residualGiven > 0 && r.treatment === null)
    problems.push({ field: 'treatment', rule: 'residualNeedsTreatment' });
  if (r.reviewedOn > today) problems.push({ field: 'reviewedOn', rule: 'notInFuture' });
  if (
    problems.length === 0 &&
    r.kind === 'risk' &&
    r.residualLikelihood !== null &&
    r.residualImpact !== null &&
    r.residualLikelihood * r.residualImpact > r.likelihood * r.impact
  )
    problems.push({ field: 'residualLikelihood', rule: 'residualAboveInherent' });
  return problems;
}

export const isHigh = (level: RiskLevel): boolean => HIGH_LEVELS.includes(level);

/** Counts per cell of the heat map, `counts[likelihood - 1][impact - 1]`. */
export function heatMap(
  matrix: RiskMatrix,
  risks: readonly { likelihood: number; impact: number }[],
): number[][] {
  const counts = matrix.cells.map((row) => row.map(() => 0));
  for (const r of risks)
    if (
      r.likelihood >= 1 &&
      r.likelihood <= matrix.scale &&
      r.impact >= 1 &&
      r.impact <= matrix.scale
    )
      counts[r.likelihood - 1][r.impact - 1] += 1;
  return counts;
}

export interface RegisterEntry {
  code: string;
  kind: RiskKind;
  level: RiskLevel;
  treatment: string | null;
  reviewedOn: string;
}

export interface RegisterGaps {
  /** No open entry at all. */
  empty: boolean;
  /** High or extreme risks without a treatment (their codes). */
  untreated: string[];
  /** Entries whose last review is more than 12 months before today. */
  stale: string[];
}

/** What keeps 6.1 from counting as evidenced on `today`. */
export function registerGaps(entries: readonly RegisterEntry[], today: string): RegisterGaps {
  return {
    empty: entries.length === 0,
    untreated: entries
      .filter((e) => e.kind === 'risk' && isHigh(e.level) && e.treatment === null)
      .map((e) => e.code),
    stale: entries.filter((e) => yearAfter(e.reviewedOn) < today).map((e) => e.code),
  };
}
