import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { User } from '../auth/user.entity.js';
import { DateOnlyColumn, EnumColumn, InstantColumn, JsonColumn } from '../database/columns.js';
import { Unit } from '../organisations/unit.entity.js';

/**
 * One thing one user is told about one record, once per due day: the key
 * `kind|record|recipient|day` is unique, so a second scan, a restart or a second instance adds
 * nothing. The title is rendered when read (in the reader's language) from `params`.
 */
@Entity('notification')
@Index(['recipientId', 'createdAt'])
export class Notification {
  /** Chosen by the scanner before the insert, so it can tell which candidates were new. */
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'varchar', length: 200, unique: true }) key!: string;
  @EnumColumn(48) kind!: string;
  @Column({ type: 'uuid' }) recipientId!: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: Relation<User>;
  /** The unit the record belongs to: every read is restricted to units the reader may see now. */
  @Index() @Column({ type: 'uuid' }) unitId!: string;
  @ManyToOne(() => Unit, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;
  @Column({ type: 'varchar', length: 64 }) recordId!: string;
  @DateOnlyColumn() dueOn!: string;
  /** Title parameters (record title, unit, dates), filled into `notification.<kind>` when read. */
  @JsonColumn() params!: Record<string, string>;
  /** Path inside Mutu (`/evidence/…`); e-mails prefix MUTU_PUBLIC_URL. */
  @Column({ type: 'varchar', length: 300 }) url!: string;
  /** The e-mail (digest or immediate) that carries it, once one was queued. */
  @Index() @Column({ type: 'uuid', nullable: true }) deliveryId!: string | null;
  @InstantColumn({ nullable: true }) readAt!: Date | null;
  /** The scan's instant (the injectable clock), not the database's. */
  @InstantColumn() createdAt!: Date;
}
