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
  InstantColumn,
  TextColumn,
  UpdatedAtColumn,
} from '../database/columns.js';
import type { RevisionState } from './document-types.js';
import { Document } from './document.entity.js';

/**
 * One revision of a controlled document: a file in the evidence store (content-addressed by
 * SHA-256) and its approval life cycle. At most one revision of a document is effective: the
 * partial unique index holds it even if the service's lock were bypassed.
 */
@Entity('document_revision')
@Index(['documentId', 'number'], { unique: true })
@Index('IDX_document_revision_one_effective', ['documentId'], {
  unique: true,
  where: "state = 'effective'",
})
export class DocumentRevision {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) documentId!: string;
  @ManyToOne(() => Document, (d) => d.revisions, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'document_id' })
  document?: Relation<Document>;
  /** 1, 2, 3 … within the document (shown as "Rev. 0", "Rev. 1" counting from the first). */
  @Column({ type: 'integer' }) number!: number;
  @TextColumn() summary!: string;
  @EnumColumn(16) state!: RevisionState;
  @Index() @Column({ type: 'varchar', length: 64 }) sha256!: string;
  @Column({ type: 'integer' }) size!: number;
  /** Sniffed from the content, never taken from the client. */
  @Column({ type: 'varchar', length: 100 }) mediaType!: string;
  /** The client's file name, metadata only. */
  @Column({ type: 'varchar', length: 255 }) originalName!: string;
  @Column({ type: 'uuid', nullable: true }) authorId!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'author_id' })
  author?: Relation<User> | null;
  @InstantColumn({ nullable: true }) submittedAt!: Date | null;
  @Column({ type: 'uuid', nullable: true }) approvedById!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'approved_by_id' })
  approvedBy?: Relation<User> | null;
  @InstantColumn({ nullable: true }) approvedAt!: Date | null;
  /** The approver's statement (what was checked, on whose authority). */
  @TextColumn({ nullable: true }) approvalStatement!: string | null;
  /** First day in force. */
  @DateOnlyColumn({ nullable: true }) effectiveFrom!: string | null;
  @InstantColumn({ nullable: true }) endedAt!: Date | null;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
