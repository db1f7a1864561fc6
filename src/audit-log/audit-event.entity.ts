import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { InstantColumn, JsonColumn } from '../database/columns.js';
import { User } from '../auth/user.entity.js';

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/** Append-only record of a change: who did what to which record, when. */
@Entity('audit_event')
@Index(['entity', 'entityId'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @InstantColumn() occurredAt!: Date;
  @Index() @Column({ type: 'uuid', nullable: true }) actorId!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'actor_id' })
  actor?: Relation<User> | null;
  /** e.g. evidence.create, finding.transition */
  @Column({ type: 'varchar', length: 64 }) action!: string;
  @Column({ type: 'varchar', length: 64 }) entity!: string;
  @Column({ type: 'varchar', length: 64 }) entityId!: string;
  /** Organisation of the record, so audit queries can be scoped without joins. */
  @Index() @Column({ type: 'uuid', nullable: true }) organisationId!: string | null;
  /** Unit of the record, when it belongs to one. */
  @Index() @Column({ type: 'uuid', nullable: true }) unitId!: string | null;
  @JsonColumn({ nullable: true }) changes!: FieldChanges | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) requestId!: string | null;
}
