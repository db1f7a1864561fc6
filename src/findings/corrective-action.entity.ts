import {
  Column,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import {
  CreatedAtColumn,
  DateOnlyColumn,
  InstantColumn,
  TextColumn,
  UpdatedAtColumn,
} from '../database/columns.js';
import { Finding } from './finding.entity.js';

/** Correction, root cause and corrective action for a nonconformity; each step stamped. */
@Entity('corrective_action')
export class CorrectiveAction {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', unique: true }) findingId!: string;
  @OneToOne(() => Finding, (f) => f.correctiveAction, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'finding_id' })
  finding?: Relation<Finding>;
  @TextColumn({ nullable: true }) correction!: string | null;
  @TextColumn({ nullable: true }) rootCause!: string | null;
  @TextColumn({ nullable: true }) action!: string | null;
  /** Who is responsible (a role title or a person). */
  @Column({ type: 'varchar', length: 200, nullable: true }) owner!: string | null;
  @DateOnlyColumn({ nullable: true }) dueOn!: string | null;
  @InstantColumn({ nullable: true }) plannedAt!: Date | null;
  @InstantColumn({ nullable: true }) implementedAt!: Date | null;
  @InstantColumn({ nullable: true }) verifiedAt!: Date | null;
  @InstantColumn({ nullable: true }) closedAt!: Date | null;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
