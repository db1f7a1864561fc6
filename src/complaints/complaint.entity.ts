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
  UpdatedAtColumn,
} from '../database/columns.js';
import { Unit } from '../organisations/unit.entity.js';
import type { ComplaintStatus } from './complaint-rows.js';

/**
 * One citizen complaint of a unit, as imported from its log (SP4N-LAPOR!, Qlue, the unit's own):
 * only what the metrics need. No complainant's name, phone, NIK or address is ever stored.
 * A re-import updates the row of the same tracking id.
 */
@Entity('complaint')
@Index(['unitId', 'trackingId'], { unique: true })
@Index(['unitId', 'receivedOn'])
export class Complaint {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) unitId!: string;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;
  /** As the source numbers it, e.g. LAPOR!'s ticket number. */
  @Column({ type: 'varchar', length: 64 }) trackingId!: string;
  /** The import source key (e.g. "lapor", "qlue", "own"): which saved mapping read it. */
  @Column({ type: 'varchar', length: 32 }) source!: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) channel!: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) category!: string | null;
  @DateOnlyColumn() receivedOn!: string;
  @DateOnlyColumn({ nullable: true }) firstResponseOn!: string | null;
  @DateOnlyColumn({ nullable: true }) resolvedOn!: string | null;
  @EnumColumn(16) status!: ComplaintStatus;
  @Column({ type: 'varchar', length: 100, nullable: true }) statusLabel!: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) summary!: string | null;
  @Column({ type: 'uuid', nullable: true }) importedById!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'imported_by_id' })
  importedBy?: Relation<User> | null;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
