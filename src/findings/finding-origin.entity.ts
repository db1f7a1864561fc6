import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { EnumColumn } from '../database/columns.js';
import { Finding } from './finding.entity.js';

export type FindingOriginKind = 'complaint' | 'complaint_category' | 'satisfaction_survey';

/**
 * What a finding was raised from, when it was raised in one click from a record Mutu holds: a
 * complaint (its tracking id), a recurring complaint category of a period, or a survey.
 */
@Entity('finding_origin')
@Index(['kind', 'refId'])
export class FindingOrigin {
  @PrimaryColumn({ type: 'uuid' }) findingId!: string;
  @OneToOne(() => Finding, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'finding_id' })
  finding?: Relation<Finding>;
  @EnumColumn(32) kind!: FindingOriginKind;
  /** The record's id (complaint, survey), null for a category. */
  @Column({ type: 'uuid', nullable: true }) refId!: string | null;
  /** What identifies it to a person: a tracking id, "Antrean 2026-S2", a survey period. */
  @Column({ type: 'varchar', length: 200 }) ref!: string;
}
