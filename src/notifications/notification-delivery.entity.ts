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
import {
  CreatedAtColumn,
  DateOnlyColumn,
  EnumColumn,
  InstantColumn,
  TextColumn,
  UpdatedAtColumn,
} from '../database/columns.js';

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/**
 * One e-mail in the outbox: a user's digest of one day (`digest|user|day`) or one immediate
 * notification (`immediate|notification`), unique by key. A sender claims it with a lease
 * (`leaseUntil`, `leaseOwner`), so two instances never send it both; it is `sent` only after the
 * SMTP server accepted it, retried with backoff (`nextAttemptAt`) and `failed` after the last try.
 */
@Entity('notification_delivery')
@Index(['status', 'nextAttemptAt'])
export class NotificationDelivery {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'varchar', length: 200, unique: true }) key!: string;
  @EnumColumn(16) mode!: 'digest' | 'immediate';
  @Column({ type: 'uuid' }) recipientId!: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: Relation<User>;
  @DateOnlyColumn() day!: string;
  @EnumColumn(16, { default: 'pending' }) status!: DeliveryStatus;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @InstantColumn() nextAttemptAt!: Date;
  @InstantColumn({ nullable: true }) leaseUntil!: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) leaseOwner!: string | null;
  @TextColumn({ nullable: true }) lastError!: string | null;
  /** The address it went to (the user's at the time of sending). */
  @Column({ type: 'varchar', length: 254, nullable: true }) sentTo!: string | null;
  @InstantColumn({ nullable: true }) sentAt!: Date | null;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
