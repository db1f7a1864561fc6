import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import {
  CodeColumn,
  CreatedAtColumn,
  EnumColumn,
  InstantColumn,
  TextColumn,
  UpdatedAtColumn,
} from '../database/columns.js';
import { Organisation } from './organisation.entity.js';

export type UnitManager = 'seed' | 'app';

/** A unit of a local government (OPD: dinas, badan, bagian, RSUD, kecamatan). */
@Entity('unit')
@Index(['organisationId', 'code'], { unique: true })
export class Unit {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organisationId!: string;
  @ManyToOne(() => Organisation, (o) => o.units, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;
  @CodeColumn() code!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) shortName!: string | null;
  @TextColumn({ nullable: true }) description!: string | null;
  /**
   * Who keeps the unit's name and description: 'seed' (seeds/organisations, reloaded on every start)
   * until an administrator creates or edits it in the app, then 'app' — and the seed file no longer
   * overwrites it.
   */
  @EnumColumn(8, { default: 'seed' }) managedBy!: UnitManager;
  /** How new controlled documents are numbered (documents/document-rules.ts); null: the default. */
  @Column({ type: 'varchar', length: 64, nullable: true }) documentNumberPattern!: string | null;
  /** Units are withdrawn, never deleted. */
  @InstantColumn({ nullable: true }) withdrawnAt!: Date | null;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
