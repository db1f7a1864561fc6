import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, CreatedAtColumn, UpdatedAtColumn } from '../database/columns.js';

/**
 * One version of an Annex A indicator catalogue, as loaded from seeds/diagnostics/. A diagnostic
 * points at the version it was rated against, so loading a newer version never rewrites the past.
 */
@Entity('diagnostic_catalogue')
@Index(['code', 'version'], { unique: true })
export class DiagnosticCatalogue {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @CodeColumn() code!: string;
  @Column({ type: 'integer' }) version!: number;
  /** Mutu's own demo wording rather than the standard's licensed text. */
  @Column({ type: 'boolean', default: false }) paraphrase!: boolean;
  @Column({ type: 'varchar', length: 500 }) titleId!: string;
  @Column({ type: 'varchar', length: 500 }) titleEn!: string;
  /** Quadrant titles by quadrant code, both languages. */
  @Column({ type: 'simple-json' }) quadrants!: { code: string; id: string; en: string }[];
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
