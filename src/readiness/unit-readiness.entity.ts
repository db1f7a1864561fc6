import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { InstantColumn, JsonColumn } from '../database/columns.js';
import { Unit } from '../organisations/unit.entity.js';
import type { UnitReadiness } from './readiness.js';

/** What a stored result keeps besides its columns: the parts the pages and the API show in full. */
export type StoredReadinessDetail = Pick<
  UnitReadiness,
  'blockers' | 'groups' | 'documentedInformation' | 'counts'
>;

/**
 * A unit's readiness as last computed, kept current in the same transaction as every change that
 * can move it (readiness-store.ts), so that reads, roll-ups and totals come from here in SQL. A
 * result also changes by itself when evidence expires or a corrective action falls due:
 * `changesAt` is the first such instant (start of a WITA day); a read at or after it recomputes.
 * Every unit not withdrawn has a row (stored when it is created or restored; the migration that
 * added organisation_readiness gave older units a row already past its instant), so finding what
 * to recompute is a range of the `changesAt` (or `computedFor`) index, never a scan of the units.
 * Withdrawn units have no row. The second index over the organisation covers the totals
 * (organisation-readiness.entity.ts) so they are summed without reading the rows.
 */
@Entity('unit_readiness')
@Index(['organisationId', 'score'])
@Index(['changesAt'])
@Index(['computedFor'])
@Index([
  'organisationId',
  'blockerCount',
  'overdueActions',
  'applicableLeaves',
  'leafScoreSum',
  'score',
])
export class UnitReadinessRecord {
  @PrimaryColumn({ type: 'uuid' }) unitId!: string;
  @OneToOne(() => Unit, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;
  @Column({ type: 'uuid' }) organisationId!: string;
  @Column({ type: 'uuid', nullable: true }) assessmentId!: string | null;
  /** Mean over applicable leaves, 0–1; null when no leaf applies. */
  @Column({ type: 'double precision', nullable: true }) score!: number | null;
  @Column({ type: 'boolean' }) ready!: boolean;
  /** Applicable leaves and their summed score (met 1, partly 0.5): the pooled city score in SQL. */
  @Column({ type: 'integer' }) applicableLeaves!: number;
  @Column({ type: 'double precision' }) leafScoreSum!: number;
  @Column({ type: 'integer' }) overdueActions!: number;
  @Column({ type: 'integer' }) blockerCount!: number;
  /** The WITA day the result was computed for. */
  @Column({ type: 'varchar', length: 10 }) computedFor!: string;
  /** When the result next changes without any write (null: never by itself). */
  @InstantColumn({ nullable: true }) changesAt!: Date | null;
  @InstantColumn() computedAt!: Date;
  /**
   * Last, and read only for the rows shown: a row's columns before a long value are read without
   * its overflow pages (SQLite), so totals over thousands of units never touch the JSON.
   */
  @JsonColumn() detail!: StoredReadinessDetail;
}
