import { yearAfter } from '../common/dates.js';
import type { RiskKind, RiskLevel, RiskMatrix, Treatment } from './risk-types.js';
import type { Risk } from './risk.entity.js';

export interface RiskView {
  id: string;
  unitId: string;
  code: string;
  kind: RiskKind;
  title: string;
  process: string | null;
  clauseNumber: string | null;
  cause: string | null;
  effect: string | null;
  likelihood: number;
  impact: number;
  level: RiskLevel;
  treatment: Treatment | null;
  treatmentPlan: string | null;
  owner: string | null;
  dueOn: string | null;
  residualLikelihood: number | null;
  residualImpact: number | null;
  residualLevel: RiskLevel | null;
  reviewedOn: string;
  /** The last day on which the review still counts (12 months after it). */
  reviewValidUntil: string;
  label: string | null;
  updatedAt: string;
}

/** What an entry says: shown by the API and kept by the audit trail. */
export const riskFields = (r: Risk) => ({
  code: r.code,
  kind: r.kind,
  title: r.title,
  process: r.process,
  clauseNumber: r.clauseNumber,
  cause: r.cause,
  effect: r.effect,
  likelihood: r.likelihood,
  impact: r.impact,
  level: r.level,
  treatment: r.treatment,
  treatmentPlan: r.treatmentPlan,
  owner: r.owner,
  dueOn: r.dueOn,
  residualLikelihood: r.residualLikelihood,
  residualImpact: r.residualImpact,
  residualLevel: r.residualLevel,
  reviewedOn: r.reviewedOn,
});

export const riskView = (r: Risk): RiskView => ({
  id: r.id,
  unitId: r.unitId,
  ...riskFields(r),
  reviewValidUntil: yearAfter(r.reviewedOn),
  label: r.label,
  updatedAt: r.updatedAt.toISOString(),
});

export interface RiskMatrixView extends RiskMatrix {
  organisationId: string;
  /** True when the organisation has not set its own matrix. */
  isDefault: boolean;
}

export interface RiskHeatMapView {
  unitId: string;
  scale: number;
  /** The level of every cell, cells[likelihood - 1][impact - 1]. */
  cells: RiskLevel[][];
  /** Open entries per cell, counts[likelihood - 1][impact - 1]; risks and opportunities apart. */
  risks: number[][];
  opportunities: number[][];
}
