import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { InstantColumn } from '../database/columns.js';
import { Organisation } from '../organisations/organisation.entity.js';

/**
 * An organisation's totals over the stored readiness of all its units (unit_readiness), kept
 * current by the writer that stores a unit's result, in the same transaction
 * (readiness-store.ts: recomputed from the organisation's rows after every store). Whole-
 * organisation reads (the organisation's page of units, the national list) take their totals from
 * here instead of summing thousands of rows per request; a caller who sees only some units of an
 * organisation gets totals over their units in SQL instead.
 */
@Entity('organisation_readiness')
export class OrganisationReadinessRecord {
  @PrimaryColumn({ type: 'uuid' }) organisationId!: string;
  @OneToOne(() => Organisation, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;
  /** Units with a stored result (every unit not withdrawn). */
  @Column({ type: 'integer' }) unitCount!: number;
  @Column({ type: 'integer' }) readyUnits!: number;
  /** Units with a score (some leaf applies), and the sum of those scores: the mean of units. */
  @Column({ type: 'integer' }) scoredUnits!: number;
  @Column({ type: 'double precision' }) unitScoreSum!: number;
  /** Summed over the units: the pooled score (leafScoreSum ÷ applicableLeaves). */
  @Column({ type: 'integer' }) applicableLeaves!: number;
  @Column({ type: 'double precision' }) leafScoreSum!: number;
  @Column({ type: 'integer' }) overdueActions!: number;
  @Column({ type: 'integer' }) unitsWithOverdueActions!: number;
  @InstantColumn() updatedAt!: Date;
}
