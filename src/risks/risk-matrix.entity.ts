import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { JsonColumn, UpdatedAtColumn } from '../database/columns.js';
import { Organisation } from '../organisations/organisation.entity.js';
import type { RiskLevel } from './risk-types.js';

/** An organisation's own risk matrix; without a row the default matrix (risk-rules.ts) applies. */
@Entity('risk_matrix')
export class RiskMatrixRecord {
  @PrimaryColumn({ type: 'uuid' }) organisationId!: string;
  @OneToOne(() => Organisation, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;
  @Column({ type: 'integer' }) scale!: number;
  @JsonColumn() cells!: RiskLevel[][];
  @Column({ type: 'uuid', nullable: true }) updatedById!: string | null;
  @UpdatedAtColumn() updatedAt!: Date;
}
