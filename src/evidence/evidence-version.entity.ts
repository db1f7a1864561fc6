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
import { InstantColumn } from '../database/columns.js';
import { Evidence } from './evidence.entity.js';

/** One uploaded file of an evidence item; the bytes are stored content-addressed by SHA-256. */
@Entity('evidence_version')
@Index(['evidenceId', 'number'], { unique: true })
export class EvidenceVersion {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) evidenceId!: string;
  @ManyToOne(() => Evidence, (e) => e.versions, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'evidence_id' })
  evidence?: Relation<Evidence>;
  /** 1, 2, 3 … within the evidence item. */
  @Column({ type: 'integer' }) number!: number;
  @Index() @Column({ type: 'varchar', length: 64 }) sha256!: string;
  @Column({ type: 'integer' }) size!: number;
  /** Sniffed from the content, never taken from the client. */
  @Column({ type: 'varchar', length: 100 }) mediaType!: string;
  /** The client's file name, kept as metadata only (never used as a path). */
  @Column({ type: 'varchar', length: 255 }) originalName!: string;
  @Column({ type: 'uuid', nullable: true }) uploadedById!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'uploaded_by_id' })
  uploadedBy?: Relation<User> | null;
  @InstantColumn() uploadedAt!: Date;
}
