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
  DateOnlyColumn,
  EnumColumn,
  InstantColumn,
  TextColumn,
  UpdatedAtColumn,
} from '../database/columns.js';
import { Unit } from '../organisations/unit.entity.js';
import type { RiskKind, RiskLevel, Treatment } from './risk-types.js';

/**
 * One entry of a unit's risk register (ISO 9001 6.1): a risk or an opportunity, rated on the
 * organisation's matrix. The levels are stored as rated when written (and re-rated when the
 * organisation changes its matrix), so readiness and lists read them without the matrix.
 */
@Entity('risk')
@Index(['unitId', 'code'], { unique: true })
export class Risk {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) unitId!: string;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;
  /** R-001 for risks, P-001 for opportunities, numbered per unit. */
  @Column({ type: 'varchar', length: 12 }) code!: string;
  @EnumColumn(16) kind!: RiskKind;
  @Column({ type: 'varchar', length: 300 }) title!: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) process!: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) clauseNumber!: string | null;
  @Column({ type: 'varchar', length: 2000, nullable: true }) cause!: string | null;
  @Column({ type: 'varchar', length: 2000, nullable: true }) effect!: string | null;
  @Column({ type: 'integer' }) likelihood!: number;
  @Column({ type: 'integer' }) impact!: number;
  @EnumColumn(16) level!: RiskLevel;
  @EnumColumn(16, { nullable: true }) treatment!: Treatment | null;
  @Column({ type: 'varchar', length: 2000, nullable: true }) treatmentPlan!: string | null;
  @Column({ type: 'varchar', length: 120, nullable: true }) owner!: string | null;
  @DateOnlyColumn({ nullable: true }) dueOn!: string | null;
  @Column({ type: 'integer', nullable: true }) residualLikelihood!: number | null;
  @Column({ type: 'integer', nullable: true }) residualImpact!: number | null;
  @EnumColumn(16, { nullable: true }) residualLevel!: RiskLevel | null;
  /** The day the entry was last reviewed; 6.1 asks for a review within 12 months. */
  @DateOnlyColumn() reviewedOn!: string;
  /** Free text shown with the entry, e.g. "(demo)". */
  @Column({ type: 'varchar', length: 200, nullable: true }) label!: string | null;
  /** Entries are withdrawn, never deleted. */
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
