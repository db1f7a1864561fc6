import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { JsonColumn, UpdatedAtColumn } from '../database/columns.js';
import { Organisation } from '../organisations/organisation.entity.js';
import type { ComplaintMapping } from './complaint-mapping.js';

/** The column mapping last confirmed for a source of an organisation's complaint logs. */
@Entity('complaint_mapping')
@Index(['organisationId', 'source'], { unique: true })
export class ComplaintMappingRecord {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organisationId!: string;
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;
  @Column({ type: 'varchar', length: 32 }) source!: string;
  @JsonColumn() mapping!: ComplaintMapping;
  @Column({ type: 'uuid', nullable: true }) updatedById!: string | null;
  @UpdatedAtColumn() updatedAt!: Date;
}
