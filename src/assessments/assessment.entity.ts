import {
  Column,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { User } from '../auth/user.entity.js';
import {
  CreatedAtColumn,
  DateOnlyColumn,
  EnumColumn,
  TextColumn,
  UpdatedAtColumn,
} from '../database/columns.js';
import { Unit } from '../organisations/unit.entity.js';
import { Standard } from '../standards/standard.entity.js';
import type { AssessmentState, AssessmentType } from './assessment-types.js';
import { ClauseAssessment } from './clause-assessment.entity.js';

/** One cycle of one unit against one standard (gap assessment, internal audit, stage 1/2, surveillance). */
@Entity('assessment')
export class Assessment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column({ type: 'uuid' }) unitId!: string;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;
  @Column({ type: 'uuid' }) standardId!: string;
  @ManyToOne(() => Standard, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'standard_id' })
  standard?: Relation<Standard>;
  @EnumColumn() type!: AssessmentType;
  @Column({ type: 'varchar', length: 300 }) title!: string;
  @TextColumn({ nullable: true }) scope!: string | null;
  @DateOnlyColumn() startsOn!: string;
  @DateOnlyColumn({ nullable: true }) endsOn!: string | null;
  @EnumColumn(32, { default: 'draft' }) state!: AssessmentState;
  /** The cycle whose ratings this one started from. */
  @Column({ type: 'uuid', nullable: true }) previousAssessmentId!: string | null;
  @ManyToOne(() => Assessment, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'previous_assessment_id' })
  previousAssessment?: Relation<Assessment> | null;
  @ManyToMany(() => User)
  @JoinTable({
    name: 'assessment_assessor',
    joinColumn: { name: 'assessment_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'user_id', referencedColumnName: 'id' },
  })
  assessors?: Relation<User[]>;
  @OneToMany(() => ClauseAssessment, (c) => c.assessment) clauses?: Relation<ClauseAssessment[]>;
  @Column({ type: 'uuid', nullable: true }) createdById!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: Relation<User> | null;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
