import {
  Column,
  Entity,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import {
  CreatedAtColumn,
  EnumColumn,
  InstantColumn,
  JsonColumn,
  UpdatedAtColumn,
} from '../database/columns.js';
import type { NotificationPreferences } from '../notifications/notification-types.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Unit } from '../organisations/unit.entity.js';
import type { Role } from './role.js';

@Entity('user_account')
export class User {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 64, unique: true }) username!: string;
  @Column({ type: 'varchar', length: 200 }) displayName!: string;
  /** argon2id hash; never serialised. */
  @Column({ type: 'varchar', length: 255, select: false }) passwordHash!: string;
  @EnumColumn() role!: Role;
  /** Organisation the user belongs to (admins and management are scoped by it). */
  @Column({ type: 'uuid', nullable: true }) organisationId!: string | null;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation> | null;
  /** Units an officer (or unit-level management) may act on. */
  @ManyToMany(() => Unit)
  @JoinTable({
    name: 'user_unit',
    joinColumn: { name: 'user_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'unit_id', referencedColumnName: 'id' },
  })
  units?: Relation<Unit[]>;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  /** Where notifications are e-mailed (none without it). */
  @Column({ type: 'varchar', length: 254, nullable: true }) email!: string | null;
  /** Language of the user's e-mails. */
  @Column({ type: 'varchar', length: 2, default: 'id' }) language!: 'id' | 'en';
  /** E-mail per notification kind: digest / immediate / off (notifications/notification-types.ts). */
  @JsonColumn({ nullable: true }) notificationPreferences!: NotificationPreferences | null;
  @InstantColumn({ nullable: true }) lastLoginAt!: Date | null;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
