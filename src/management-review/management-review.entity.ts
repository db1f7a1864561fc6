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
  JsonColumn,
  TextColumn,
  UpdatedAtColumn,
} from '../database/columns.js';
import { Unit } from '../organisations/unit.entity.js';
import type { ReviewActionStatus, ReviewInputEntry, ReviewState } from './review-rules.js';

/** One management review (ISO 9001 9.3) of a unit: who met, what of 9.3.2 they discussed. */
@Entity('management_review')
@Index(['unitId', 'heldOn'])
export class ManagementReview {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) unitId!: string;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;
  @Column({ type: 'varchar', length: 300 }) title!: string;
  @DateOnlyColumn() heldOn!: string;
  /** Name and position of the chair (the head of the unit), who signs the minutes. */
  @Column({ type: 'varchar', length: 200 }) chair!: string;
  @JsonColumn() attendees!: string[];
  /** One entry per 9.3.2 input (review-inputs.ts), in the list's order. */
  @JsonColumn() inputs!: ReviewInputEntry[];
  @EnumColumn(16, { default: 'draft' }) state!: ReviewState;
  @InstantColumn({ nullable: true }) closedAt!: Date | null;
  @Column({ type: 'uuid', nullable: true }) closedById!: string | null;
  @Column({ type: 'uuid', nullable: true }) createdById!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: Relation<User> | null;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}

/**
 * An output of a review (9.3.3): a decision, optionally with an action (owner, due date) tracked
 * like a corrective action: open until done, overdue after its due date.
 */
@Entity('management_review_decision')
export class ReviewDecision {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column({ type: 'uuid' }) reviewId!: string;
  @ManyToOne(() => ManagementReview, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'review_id' })
  review?: Relation<ManagementReview>;
  /** The review's unit, repeated so that the unit page and readiness filter without a join. */
  @Index() @Column({ type: 'uuid' }) unitId!: string;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;
  /** 1, 2, … in the order the review recorded them (the minutes number them so). */
  @Column({ type: 'integer' }) position!: number;
  @TextColumn() decision!: string;
  @TextColumn({ nullable: true }) action!: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) owner!: string | null;
  @DateOnlyColumn({ nullable: true }) dueOn!: string | null;
  /** null when the decision needs no action. */
  @EnumColumn(16, { nullable: true }) actionStatus!: ReviewActionStatus | null;
  @InstantColumn({ nullable: true }) completedAt!: Date | null;
  @TextColumn({ nullable: true }) completionNote!: string | null;
  @Column({ type: 'uuid', nullable: true }) createdById!: string | null;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
