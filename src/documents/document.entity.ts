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
import type { Confidentiality, DocumentType } from './document-types.js';
import { DocumentRevision } from './document-revision.entity.js';

/** A controlled document of a unit (ISO 9001 7.5): its identity; the content lives in revisions. */
@Entity('document')
@Index(['unitId', 'number'], { unique: true })
export class Document {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) unitId!: string;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;
  /** E.g. SOP/DUKCAPIL/007: unique within the unit. */
  @Column({ type: 'varchar', length: 64 }) number!: string;
  @Column({ type: 'varchar', length: 300 }) title!: string;
  @EnumColumn(32) type!: DocumentType;
  /** The position that owns the document, e.g. "Kepala Bidang Pelayanan". */
  @Column({ type: 'varchar', length: 200, nullable: true }) owner!: string | null;
  @Column({ type: 'integer' }) reviewMonths!: number;
  @EnumColumn(16, { default: 'internal' }) confidentiality!: Confidentiality;
  /** Held by this unit for the whole organisation (the city's quality policy): counts for every unit. */
  @Column({ type: 'boolean', default: false }) organisationWide!: boolean;
  /** Last periodic review that confirmed the effective revision without a new file. */
  @DateOnlyColumn({ nullable: true }) lastReviewedOn!: string | null;
  /** An assessor's rejection as documented information, with the reason; cleared by a new effective revision. */
  @TextColumn({ nullable: true }) rejectedReason!: string | null;
  @Column({ type: 'uuid', nullable: true }) rejectedById!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'rejected_by_id' })
  rejectedBy?: Relation<User> | null;
  @InstantColumn({ nullable: true }) rejectedAt!: Date | null;
  @ManyToMany(() => Clause)
  @JoinTable({
    name: 'document_clause',
    joinColumn: { name: 'document_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'clause_id', referencedColumnName: 'id' },
  })
  clauses?: Relation<Clause[]>;
  @OneToMany(() => DocumentRevision, (r) => r.document) revisions?: Relation<DocumentRevision[]>;
  @Column({ type: 'uuid', nullable: true }) createdById!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: Relation<User> | null;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
