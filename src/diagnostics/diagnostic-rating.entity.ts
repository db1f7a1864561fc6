import {
  Column,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { User } from '../auth/user.entity.js';
import { EnumColumn, InstantColumn, TextColumn } from '../database/columns.js';
import { Evidence } from '../evidence/evidence.entity.js';
import { DiagnosticIndicator } from './diagnostic-indicator.entity.js';
import type { DiagnosticRating } from './diagnostic-rules.js';
import { Diagnostic } from './diagnostic.entity.js';

/**
 * The rating of one indicator in one diagnostic: written for every indicator when the diagnostic is
 * opened (rating null = not rated), so that a rating is always an update of a row that exists.
 */
@Entity('diagnostic_rating')
@Index(['diagnosticId', 'indicatorId'], { unique: true })
export class DiagnosticRatingRecord {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) diagnosticId!: string;
  @ManyToOne(() => Diagnostic, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'diagnostic_id' })
  diagnostic?: Relation<Diagnostic>;
  @Column({ type: 'uuid' }) indicatorId!: string;
  @ManyToOne(() => DiagnosticIndicator, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'indicator_id' })
  indicator?: Relation<DiagnosticIndicator>;
  @EnumColumn(8, { nullable: true }) rating!: DiagnosticRating | null;
  @TextColumn({ nullable: true }) note!: string | null;
  /** Evidence of the organisation's units that supports the rating. */
  @ManyToMany(() => Evidence)
  @JoinTable({
    name: 'diagnostic_rating_evidence',
    joinColumn: { name: 'rating_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'evidence_id', referencedColumnName: 'id' },
  })
  evidence?: Relation<Evidence[]>;
  @Column({ type: 'uuid', nullable: true }) ratedById!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'rated_by_id' })
  ratedBy?: Relation<User> | null;
  @InstantColumn({ nullable: true }) ratedAt!: Date | null;
}
