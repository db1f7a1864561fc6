import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { User } from '../auth/user.entity.js';
import {
  CreatedAtColumn,
  EnumColumn,
  InstantColumn,
  TextColumn,
  UpdatedAtColumn,
} from '../database/columns.js';
import { Unit } from '../organisations/unit.entity.js';
import type { Direction, Frequency } from './objective-types.js';

/**
 * A quality objective of a unit (ISO 9001 6.2) with its indicator and target. Numbers are held in
 * thousandths (60 minutes → 60000) so that no engine rounds them.
 */
@Entity('quality_objective')
@Index(['unitId', 'code'], { unique: true })
export class QualityObjective {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) unitId!: string;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;
  /** SM-01, SM-02, … per unit (sasaran mutu). */
  @Column({ type: 'varchar', length: 12 }) code!: string;
  @Column({ type: 'varchar', length: 300 }) statement!: string;
  @Column({ type: 'varchar', length: 300 }) indicator!: string;
  @Column({ type: 'varchar', length: 40 }) unitOfMeasure!: string;
  @Column({ type: 'integer' }) targetMilli!: number;
  @EnumColumn(16) direction!: Direction;
  @Column({ type: 'integer', nullable: true }) baselineMilli!: number | null;
  @EnumColumn(16) frequency!: Frequency;
  /** The first period measured (2026-01, 2026-Q1, 2026-S1). */
  @Column({ type: 'varchar', length: 7 }) firstPeriod!: string;
  @Column({ type: 'varchar', length: 120, nullable: true }) owner!: string | null;
  /** The city's SAKIP performance indicator (IKU) code this objective serves, when it has one. */
  @Column({ type: 'varchar', length: 40, nullable: true }) ikuCode!: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) label!: string | null;
  @InstantColumn({ nullable: true }) withdrawnAt!: Date | null;
  /** Why it was withdrawn (asked when withdrawing; none for entries withdrawn before). */
  @TextColumn({ nullable: true }) withdrawalReason!: string | null;
  @Column({ type: 'uuid', nullable: true }) createdById!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: Relation<User> | null;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
