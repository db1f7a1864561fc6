import { Column, Entity, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CodeColumn, CreatedAtColumn, UpdatedAtColumn } from '../database/columns.js';
import { Clause } from './clause.entity.js';

/** A standard catalogue, e.g. ISO 9001:2015. Loaded from seeds/standards/. */
@Entity('standard')
export class Standard {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @CodeColumn({ unique: true }) code!: string;
  @Column({ type: 'varchar', length: 300 }) titleId!: string;
  @Column({ type: 'varchar', length: 300 }) titleEn!: string;
  @Column({ type: 'varchar', length: 32 }) edition!: string;
  @OneToMany(() => Clause, (c) => c.standard) clauses?: Relation<Clause[]>;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
