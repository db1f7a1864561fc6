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
import { EnumColumn, TextColumn, UpdatedAtColumn } from '../database/columns.js';
import { Clause } from '../standards/clause.entity.js';
import type { Rating } from './assessment-types.js';
import { Assessment } from './assessment.entity.js';

/** The rating of one leaf clause within one assessment. */
@Entity('clause_assessment')
@Index(['assessmentId', 'clauseId'], { unique: true })
export class ClauseAssessment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) assessmentId!: string;
  @ManyToOne(() => Assessment, (a) => a.clauses, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<Assessment>;
  @Index() @Column({ type: 'uuid' }) clauseId!: string;
  @ManyToOne(() => Clause, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clause_id' })
  clause?: Relation<Clause>;
  @Column({ type: 'boolean', default: true }) applicable!: boolean;
  /** Why the clause does not apply (ISO 9001 clause 4.3); required when not applicable. */
  @TextColumn({ nullable: true }) justification!: string | null;
  @EnumColumn(32, { default: 'not_assessed' }) rating!: Rating;
  @TextColumn({ nullable: true }) note!: string | null;
  @Column({ type: 'uuid', nullable: true }) updatedById!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'updated_by_id' })
  updatedBy?: Relation<User> | null;
  @UpdatedAtColumn() updatedAt!: Date;
}
