import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Assessment } from '../../assessments/assessment.entity.js';
import { User } from '../../auth/user.entity.js';
import { EnumColumn, InstantColumn } from '../../database/columns.js';
import { Organisation } from '../../organisations/organisation.entity.js';
import { ManagementReview } from '../../management-review/management-review.entity.js';
import { Unit } from '../../organisations/unit.entity.js';

export type IssuedReportKind = 'gap_report' | 'review_minutes';

/**
 * A report as issued: the PDF is frozen on disk (DATA_DIR/reports, named by its SHA-256) and shown
 * again byte for byte. Numbers run per organisation and year: MUTU/KPG/2026/0001.
 */
@Entity('issued_report')
@Index(['organisationId', 'year', 'sequence'], { unique: true })
export class IssuedReport {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 64, unique: true }) number!: string;
  @Column({ type: 'uuid' }) organisationId!: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;
  @Column({ type: 'integer' }) year!: number;
  @Column({ type: 'integer' }) sequence!: number;
  @EnumColumn() kind!: IssuedReportKind;
  /** The assessment of a gap report; null for minutes. */
  @Index() @Column({ type: 'uuid', nullable: true }) assessmentId!: string | null;
  @ManyToOne(() => Assessment, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<Assessment> | null;
  /** The management review of minutes; null for a gap report. */
  @Index() @Column({ type: 'uuid', nullable: true }) managementReviewId!: string | null;
  @ManyToOne(() => ManagementReview, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'management_review_id' })
  managementReview?: Relation<ManagementReview> | null;
  @Index() @Column({ type: 'uuid' }) unitId!: string;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;
  @Column({ type: 'varchar', length: 64 }) sha256!: string;
  @Column({ type: 'integer' }) size!: number;
  @Column({ type: 'integer' }) pages!: number;
  @Column({ type: 'varchar', length: 8 }) language!: string;
  @Column({ type: 'uuid' }) issuedById!: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'issued_by_id' })
  issuedBy?: Relation<User>;
  @InstantColumn() issuedAt!: Date;
  /** The moment the data was read for the report. */
  @InstantColumn() dataAsOf!: Date;
}
