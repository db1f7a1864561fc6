import { Column, Entity, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CodeColumn, CreatedAtColumn, UpdatedAtColumn } from '../database/columns.js';
import { Unit } from './unit.entity.js';

/** A local government (Pemerintah Kota/Kabupaten). */
@Entity('organisation')
export class Organisation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @CodeColumn({ unique: true }) code!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) province!: string | null;
  @Column({ type: 'varchar', length: 64, default: 'Asia/Makassar' }) timezone!: string;
  /** Middle part of report numbers, e.g. KPG in MUTU/KPG/2026/0001. */
  @Column({ type: 'varchar', length: 16 }) reportPrefix!: string;
  @OneToMany(() => Unit, (unit) => unit.organisation) units?: Relation<Unit[]>;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
