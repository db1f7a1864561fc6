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
  JsonColumn,
  UpdatedAtColumn,
} from '../database/columns.js';
import { Unit } from '../organisations/unit.entity.js';
import type { ElementResult, Grade, ServiceResult } from './ikm.js';
import type { Profile } from './survey-sheet.js';

export type SurveySource = 'questionnaires' | 'aggregate';

/**
 * One public satisfaction survey (SKM) of a unit for a period, as imported: the computed result is
 * stored with it (elements, services, IKM in hundredths so that no engine rounds it).
 */
@Entity('satisfaction_survey')
@Index(['unitId', 'period'], { unique: true })
@Index(['unitId', 'fileSha256'], { unique: true })
export class SatisfactionSurvey {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) unitId!: string;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;
  /** YYYY, YYYY-S1 or YYYY-S2. */
  @Column({ type: 'varchar', length: 7 }) period!: string;
  /** Last day of the period: the readiness check counts surveys of the last 12 months by it. */
  @DateOnlyColumn() periodEndsOn!: string;
  @EnumColumn(16) source!: SurveySource;
  @Column({ type: 'integer' }) respondents!: number;
  /** IKM × 100, e.g. 8728 for 87,28. */
  @Column({ type: 'integer' }) ikmHundredths!: number;
  @EnumColumn(1) grade!: Grade;
  /** The headline IKM the file carried (× 100, rounded), when it carried one. */
  @Column({ type: 'integer', nullable: true }) reportedIkmHundredths!: number | null;
  @JsonColumn() elements!: ElementResult[];
  @JsonColumn() byService!: ServiceResult[];
  @JsonColumn({ nullable: true }) profile!: Profile | null;
  /** Free text shown with the survey, e.g. "(demo)". */
  @Column({ type: 'varchar', length: 200, nullable: true }) label!: string | null;
  @Column({ type: 'varchar', length: 64 }) fileSha256!: string;
  @Column({ type: 'varchar', length: 100 }) fileType!: string;
  @Column({ type: 'uuid', nullable: true }) importedById!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'imported_by_id' })
  importedBy?: Relation<User> | null;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
