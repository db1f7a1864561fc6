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
import { CreatedAtColumn, InstantColumn } from '../database/columns.js';
import { DocumentRevision } from './document-revision.entity.js';

/** A person who must read a revision (distribution), and when they confirmed "sudah dibaca". */
@Entity('document_acknowledgement')
@Index(['revisionId', 'userId'], { unique: true })
export class DocumentAcknowledgement {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) revisionId!: string;
  @ManyToOne(() => DocumentRevision, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'revision_id' })
  revision?: Relation<DocumentRevision>;
  @Column({ type: 'uuid' }) userId!: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;
  @InstantColumn({ nullable: true }) acknowledgedAt!: Date | null;
  @CreatedAtColumn() createdAt!: Date;
}
