import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns.js';

/** Failed sign-ins per user name or per address, shared by every app instance. */
@Entity('login_throttle')
export class LoginThrottle {
  /** `user:<name>` or `ip:<address>` */
  @PrimaryColumn({ type: 'varchar', length: 200 }) key!: string;
  @Column({ type: 'integer' }) failures!: number;
  @InstantColumn() windowStartedAt!: Date;
  @InstantColumn({ nullable: true }) lockedUntil!: Date | null;
}
