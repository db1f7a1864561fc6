import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { InstantColumn, JsonColumn } from '../database/columns.js';
import { Unit } from '../organisations/unit.entity.js';
import type { BlockerCode } from './readiness.js';

/** The score of one top-level clause group at the time of a snapshot. */
export interface SnapshotGroup {
  clause: string;
  score: number | null;
}

/**
 * A unit's readiness at one moment, for the trend: written whenever the score or the ready flag
 * changes, and by the daily `snapshot` command so that expiring evidence and overdue actions,
 * which change readiness without anyone touching a record, show up too.
 */
@Entity('readiness_snapshot')
@Index(['unitId', 'takenAt'])
export class ReadinessSnapshot {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) unitId!: string;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;
  @InstantColumn() takenAt!: Date;
  /** Mean over applicable leaves, 0–1; null when no leaf applies. */
  @Column({ type: 'double precision', nullable: true }) score!: number | null;
  @Column({ type: 'boolean' }) ready!: boolean;
  @JsonColumn() blockerCodes!: BlockerCode[];
  @JsonColumn() groups!: SnapshotGroup[];
}
