import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { EnumColumn, JsonColumn } from '../database/columns.js';
import { DiagnosticCatalogue } from './diagnostic-catalogue.entity.js';
import type { Quadrant } from './diagnostic-rules.js';

/** One indicator of a catalogue version, with its sub-indicators (checks) in both languages. */
@Entity('diagnostic_indicator')
@Index(['catalogueId', 'code'], { unique: true })
export class DiagnosticIndicator {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) catalogueId!: string;
  @ManyToOne(() => DiagnosticCatalogue, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'catalogue_id' })
  catalogue?: Relation<DiagnosticCatalogue>;
  /** "1.1" … "4.8". */
  @Column({ type: 'varchar', length: 8 }) code!: string;
  @EnumColumn(16) quadrant!: Quadrant;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'varchar', length: 500 }) titleId!: string;
  @Column({ type: 'varchar', length: 500 }) titleEn!: string;
  @JsonColumn() checks!: { id: string[]; en: string[] };
}
