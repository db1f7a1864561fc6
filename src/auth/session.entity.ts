import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CreatedAtColumn, InstantColumn } from '../database/columns.js';
import { User } from './user.entity.js';

/**
 * A sign-in, kept in the database so that it survives restarts and is shared by every app instance.
 * Only the SHA-256 of the token is stored: a copy of the table lets nobody sign in.
 */
@Entity('session')
export class Session {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 64, unique: true }) tokenHash!: string;
  /** Token a browser form must echo back (CSRF protection for cookie sign-ins). */
  @Column({ type: 'varchar', length: 64 }) csrfToken!: string;
  @Index() @Column({ type: 'uuid' }) userId!: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;
  @CreatedAtColumn() createdAt!: Date;
  @InstantColumn() lastSeenAt!: Date;
  @InstantColumn() expiresAt!: Date;
  @InstantColumn({ nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) ipAddress!: string | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) userAgent!: string | null;
}
