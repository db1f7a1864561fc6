import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CreatedAtColumn, JsonColumn, TextColumn, UpdatedAtColumn } from '../database/columns.js';
import { Standard } from './standard.entity.js';

export interface LocalisedList {
  id: string[];
  en: string[];
}

/** One node of a standard's clause tree. Only leaves are rated; parents roll up. */
@Entity('clause')
@Index(['standardId', 'number'], { unique: true })
export class Clause {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) standardId!: string;
  @ManyToOne(() => Standard, (s) => s.clauses, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'standard_id' })
  standard?: Relation<Standard>;
  @Column({ type: 'varchar', length: 16 }) number!: string;
  @Index() @Column({ type: 'uuid', nullable: true }) parentId!: string | null;
  @ManyToOne(() => Clause, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id' })
  parent?: Relation<Clause> | null;
  @Column({ type: 'varchar', length: 300 }) titleId!: string;
  @Column({ type: 'varchar', length: 300 }) titleEn!: string;
  /** ISO 18091-style guidance in our own words. */
  @TextColumn({ nullable: true }) guidanceId!: string | null;
  @TextColumn({ nullable: true }) guidanceEn!: string | null;
  @JsonColumn({ nullable: true }) expectedEvidence!: LocalisedList | null;
  /** The clause asks for documented information to be maintained (documents). */
  @Column({ type: 'boolean', default: false }) maintainsDocuments!: boolean;
  /** The clause asks for documented information to be retained (records). */
  @Column({ type: 'boolean', default: false }) retainsRecords!: boolean;
  @Column({ type: 'boolean', default: true }) isLeaf!: boolean;
  @Column({ type: 'integer' }) depth!: number;
  /** Sorts clause numbers naturally: 4.10 after 4.9. */
  @Column({ type: 'varchar', length: 64 }) sortKey!: string;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
