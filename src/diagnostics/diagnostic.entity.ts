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
import { CreatedAtColumn, UpdatedAtColumn } from '../database/columns.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { DiagnosticCatalogue } from './diagnostic-catalogue.entity.js';

/** An organisation's Annex A diagnostic for one period (a year), rated against one catalogue version. */
@Entity('diagnostic')
@Index(['organisationId', 'period'], { unique: true })
export class Diagnostic {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organisationId!: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;
  /** The year, e.g. 2026. */
  @Column({ type: 'integer' }) period!: number;
  @Column({ type: 'uuid' }) catalogueId!: string;
  @ManyToOne(() => DiagnosticCatalogue, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'catalogue_id' })
  catalogue?: Relation<DiagnosticCatalogue>;
  /** Free text shown with the diagnostic, e.g. "(demo)". */
  @Column({ type: 'varchar', length: 200, nullable: true }) label!: string | null;
  @Column({ type: 'uuid', nullable: true }) createdById!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: Relation<User> | null;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
