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
  InstantColumn,
  TextColumn,
  UpdatedAtColumn,
} from '../database/columns.js';
import { Unit } from '../organisations/unit.entity.js';
import { Clause } from '../standards/clause.entity.js';
import type { EvidenceStatus } from './evidence-status.js';
import { EvidenceVersion } from './evidence-version.entity.js';

/** What a unit shows for one or more clauses: files (versioned) or a physical document. */
@Entity('evidence')
@Index(['unitId', 'status'])
export class Evidence {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) unitId!: string;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;
  @Column({ type: 'varchar', length: 300 }) title!: string;
  @TextColumn({ nullable: true }) description!: string | null;
  /** Where the physical document is kept (archive location), when there is no file. */
  @Column({ type: 'varchar', length: 500, nullable: true }) reference!: string | null;
  /** Last day the evidence is valid; expired evidence counts as not present. */
  @DateOnlyColumn({ nullable: true }) validUntil!: string | null;
  @EnumColumn(32, { default: 'submitted' }) status!: EvidenceStatus;
  @TextColumn({ nullable: true }) reviewReason!: string | null;
  @Column({ type: 'uuid', nullable: true }) reviewedById!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'reviewed_by_id' })
  reviewedBy?: Relation<User> | null;
  @InstantColumn({ nullable: true }) reviewedAt!: Date | null;
  @ManyToMany(() => Clause)
  @JoinTable({
    name: 'evidence_clause',
    joinColumn: { name: 'evidence_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'clause_id', referencedColumnName: 'id' },
  })
  clauses?: Relation<Clause[]>;
  @OneToMany(() => EvidenceVersion, (v) => v.evidence) versions?: Relation<EvidenceVersion[]>;
  @Column({ type: 'uuid', nullable: true }) createdById!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: Relation<User> | null;
  /** Evidence is withdrawn, never deleted. */
  @InstantColumn({ nullable: true }) withdrawnAt!: Date | null;
  /** Why, and by whom, it was withdrawn (its audit event says so too). */
  @TextColumn({ nullable: true }) withdrawalReason!: string | null;
  @Column({ type: 'uuid', nullable: true }) withdrawnById!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'withdrawn_by_id' })
  withdrawnBy?: Relation<User> | null;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
