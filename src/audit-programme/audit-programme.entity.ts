import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Assessment } from '../assessments/assessment.entity.js';
import { User } from '../auth/user.entity.js';
import {
  CreatedAtColumn,
  DateOnlyColumn,
  EnumColumn,
  JsonColumn,
  TextColumn,
  UpdatedAtColumn,
} from '../database/columns.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Unit } from '../organisations/unit.entity.js';
import type { AuditMethod, IndependenceException, StoredEntryStatus } from './programme-rules.js';

/** An organisation's internal audit programme for one calendar year (ISO 9001 9.2.2 a). */
@Entity('audit_programme')
@Index(['organisationId', 'year'], { unique: true })
export class AuditProgramme {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organisationId!: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;
  @Column({ type: 'integer' }) year!: number;
  @Column({ type: 'varchar', length: 300 }) title!: string;
  @Column({ type: 'uuid', nullable: true }) createdById!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: Relation<User> | null;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}

/**
 * One planned audit of the programme: a unit, its scope, dates and team. Started, it is run as an
 * `internal_audit` assessment (assessmentId); it is done when that assessment is reported.
 */
@Entity('audit_programme_entry')
export class AuditProgrammeEntry {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column({ type: 'uuid' }) programmeId!: string;
  @ManyToOne(() => AuditProgramme, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'programme_id' })
  programme?: Relation<AuditProgramme>;
  @Index() @Column({ type: 'uuid' }) unitId!: string;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;
  /** Clause numbers audited, e.g. ["7.5", "8.5.1"]. */
  @JsonColumn() scopeClauses!: string[];
  /** Processes or services audited, free text. */
  @TextColumn({ nullable: true }) scopeProcesses!: string | null;
  @DateOnlyColumn() plannedStartOn!: string;
  @DateOnlyColumn() plannedEndOn!: string;
  @Column({ type: 'uuid' }) leadAuditorId!: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'lead_auditor_id' })
  leadAuditor?: Relation<User>;
  /** The other auditors' user ids, in the order given. */
  @JsonColumn() teamIds!: string[];
  @TextColumn() criteria!: string;
  @EnumColumn(32) method!: AuditMethod;
  @EnumColumn(32, { default: 'planned' }) status!: StoredEntryStatus;
  @TextColumn({ nullable: true }) postponedReason!: string | null;
  /** Auditors allowed despite a conflict of independence, each with who recorded it and why. */
  @JsonColumn() independenceExceptions!: IndependenceException[];
  @Column({ type: 'uuid', nullable: true, unique: true }) assessmentId!: string | null;
  @ManyToOne(() => Assessment, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<Assessment> | null;
  @Column({ type: 'uuid', nullable: true }) createdById!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: Relation<User> | null;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
