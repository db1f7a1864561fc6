import {
  Column,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Assessment } from '../assessments/assessment.entity.js';
import { User } from '../auth/user.entity.js';
import { CreatedAtColumn, EnumColumn, TextColumn, UpdatedAtColumn } from '../database/columns.js';
import { Evidence } from '../evidence/evidence.entity.js';
import { Clause } from '../standards/clause.entity.js';
import { CorrectiveAction } from './corrective-action.entity.js';
import type { FindingGrade, FindingState } from './finding-types.js';

/** A finding (temuan) of an assessment against one clause. */
@Entity('finding')
@Index(['assessmentId', 'number'], { unique: true })
export class Finding {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) assessmentId!: string;
  @ManyToOne(() => Assessment, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<Assessment>;
  /** Sequential within the assessment: T-01, T-02 … */
  @Column({ type: 'integer' }) number!: number;
  @Index() @Column({ type: 'uuid' }) clauseId!: string;
  @ManyToOne(() => Clause, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clause_id' })
  clause?: Relation<Clause>;
  @EnumColumn() grade!: FindingGrade;
  @TextColumn() statement!: string;
  @TextColumn({ nullable: true }) objectiveEvidence!: string | null;
  @EnumColumn(32, { default: 'open' }) state!: FindingState;
  @ManyToMany(() => Evidence)
  @JoinTable({
    name: 'finding_evidence',
    joinColumn: { name: 'finding_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'evidence_id', referencedColumnName: 'id' },
  })
  evidence?: Relation<Evidence[]>;
  @OneToOne(() => CorrectiveAction, (c) => c.finding)
  correctiveAction?: Relation<CorrectiveAction> | null;
  @Column({ type: 'uuid', nullable: true }) createdById!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: Relation<User> | null;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
