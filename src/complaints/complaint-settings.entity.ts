import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { JsonColumn, UpdatedAtColumn } from '../database/columns.js';
import { Organisation } from '../organisations/organisation.entity.js';

export interface OrganisationHoliday {
  date: string;
  name: string;
}

/**
 * An organisation's complaint service limits (working days) and its own days off on top of the
 * national list (a regional holiday, an office closure, a cuti bersama date-holidays lacks).
 * Without a row the defaults apply (3 and 5 working days, no extra days).
 */
@Entity('complaint_settings')
export class ComplaintSettings {
  @PrimaryColumn({ type: 'uuid' }) organisationId!: string;
  @OneToOne(() => Organisation, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;
  @Column({ type: 'integer' }) verifyDays!: number;
  @Column({ type: 'integer' }) followUpDays!: number;
  @JsonColumn() holidays!: OrganisationHoliday[];
  @Column({ type: 'uuid', nullable: true }) updatedById!: string | null;
  @UpdatedAtColumn() updatedAt!: Date;
}
