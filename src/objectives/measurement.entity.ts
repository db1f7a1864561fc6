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
import { CreatedAtColumn, DateOnlyColumn, UpdatedAtColumn } from '../database/columns.js';
import { Evidence } from '../evidence/evidence.entity.js';
import { Unit } from '../organisations/unit.entity.js';
import { QualityObjective } from './objective.entity.js';

/** One measurement of an objective for one period (ISO 9001 9.1): at most one per period. */
@Entity('objective_measurement')
@Index(['objectiveId', 'period'], { unique: true })
export class ObjectiveMeasurement {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) objectiveId!: string;
  @ManyToOne(() => QualityObjective, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'objective_id' })
  objective?: Relation<QualityObjective>;
  /** The objective's unit, repeated so that scope and readiness filter without a join. */
  @Index()
  @Column({ type: 'uuid' })
  unitId!: string;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;
  @Column({ type: 'varchar', length: 7 }) period!: string;
  @DateOnlyColumn() periodEndsOn!: string;
  @Column({ type: 'integer' }) valueMilli!: number;
  @Column({ type: 'varchar', length: 1000, nullable: true }) note!: string | null;
  @Column({ type: 'uuid', nullable: true }) evidenceId!: string | null;
  @ManyToOne(() => Evidence, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'evidence_id' })
  evidence?: Relation<Evidence> | null;
  @Column({ type: 'uuid', nullable: true }) recordedById!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'recorded_by_id' })
  recordedBy?: Relation<User> | null;
  @CreatedAtColumn() createdAt!: Date;
  @UpdatedAtColumn() updatedAt!: Date;
}
