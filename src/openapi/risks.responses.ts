import type { RiskHeatMapView, RiskMatrixView, RiskView } from '../risks/risk-views.js';
import type { RiskKind, RiskLevel, Treatment } from '../risks/risk-types.js';
import { ApiProperty } from '@nestjs/swagger';

/** RISK_LEVELS of risks/risk-types.ts (openapi/ imports other folders only as types). */
const LEVELS = ['low', 'medium', 'high', 'extreme'] satisfies RiskLevel[];

export class RiskResponse implements RiskView {
  id!: string;
  unitId!: string;
  /** R-001 (risk) or P-001 (opportunity). */
  code!: string;
  kind!: RiskKind;
  title!: string;
  process!: string | null;
  clauseNumber!: string | null;
  cause!: string | null;
  effect!: string | null;
  likelihood!: number;
  impact!: number;
  level!: RiskLevel;
  treatment!: Treatment | null;
  treatmentPlan!: string | null;
  owner!: string | null;
  dueOn!: string | null;
  residualLikelihood!: number | null;
  residualImpact!: number | null;
  residualLevel!: RiskLevel | null;
  reviewedOn!: string;
  reviewValidUntil!: string;
  label!: string | null;
  updatedAt!: string;
}

export class RiskMatrixResponse implements RiskMatrixView {
  organisationId!: string;
  isDefault!: boolean;
  scale!: number;
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string', enum: LEVELS } } })
  cells!: RiskLevel[][];
}

export class RiskHeatMapResponse implements RiskHeatMapView {
  unitId!: string;
  scale!: number;
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string', enum: LEVELS } } })
  cells!: RiskLevel[][];
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'integer' } } })
  risks!: number[][];
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'integer' } } })
  opportunities!: number[][];
}
