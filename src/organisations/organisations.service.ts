import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { NotFound } from '../common/domain-error.js';
import { Organisation } from './organisation.entity.js';
import { Unit } from './unit.entity.js';

export interface OrganisationView {
  id: string;
  code: string;
  name: string;
  province: string | null;
  timezone: string;
}

export interface UnitView {
  id: string;
  organisationId: string;
  code: string;
  name: string;
  shortName: string | null;
  description: string | null;
}

const organisationView = (o: Organisation): OrganisationView => ({
  id: o.id,
  code: o.code,
  name: o.name,
  province: o.province,
  timezone: o.timezone,
});

const unitView = (u: Unit): UnitView => ({
  id: u.id,
  organisationId: u.organisationId,
  code: u.code,
  name: u.name,
  shortName: u.shortName,
  description: u.description,
});

@Injectable()
export class OrganisationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(): Promise<OrganisationView[]> {
    const rows = await this.db.getRepository(Organisation).find({ order: { name: 'ASC' } });
    return rows.map(organisationView);
  }

  async get(id: string): Promise<OrganisationView> {
    const row = await this.db.getRepository(Organisation).findOneBy({ id });
    if (!row) throw new NotFound('organisation', id);
    return organisationView(row);
  }

  async units(organisationId: string): Promise<UnitView[]> {
    await this.get(organisationId);
    const rows = await this.db
      .getRepository(Unit)
      .find({ where: { organisationId, withdrawnAt: IsNull() }, order: { code: 'ASC' } });
    return rows.map(unitView);
  }

  async unit(id: string): Promise<UnitView> {
    const row = await this.db.getRepository(Unit).findOneBy({ id });
    if (!row) throw new NotFound('unit', id);
    return unitView(row);
  }
}
