import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
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
  /** Set when the unit was withdrawn (kept for its history, hidden from lists and summaries). */
  withdrawnAt: Date | null;
}

const organisationView = (o: Organisation): OrganisationView => ({
  id: o.id,
  code: o.code,
  name: o.name,
  province: o.province,
  timezone: o.timezone,
});

export const unitView = (u: Unit): UnitView => ({
  id: u.id,
  organisationId: u.organisationId,
  code: u.code,
  name: u.name,
  shortName: u.shortName,
  description: u.description,
  withdrawnAt: u.withdrawnAt,
});

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
  ) {}

  async list(me: Principal): Promise<OrganisationView[]> {
    const orgs = this.scope.visibleOrganisationIds(me);
    if (orgs !== 'all' && orgs.length === 0) return [];
    const rows = await this.db
      .getRepository(Organisation)
      .find({ where: orgs === 'all' ? {} : { id: In(orgs) }, order: { name: 'ASC' } });
    return rows.map(organisationView);
  }

  async get(me: Principal, id: string): Promise<OrganisationView> {
    const orgs = this.scope.visibleOrganisationIds(me);
    const row =
      orgs === 'all' || orgs.includes(id)
        ? await this.db.getRepository(Organisation).findOneBy({ id })
        : null;
    if (!row) throw new NotFound('organisation', id);
    return organisationView(row);
  }

  /** Units of an organisation the caller may see; withdrawn ones only when asked (administration). */
  async units(
    me: Principal,
    organisationId: string,
    options: { includeWithdrawn?: boolean } = {},
  ): Promise<UnitView[]> {
    await this.get(me, organisationId);
    const rows = await this.db.getRepository(Unit).find({
      where: {
        organisationId,
        id: this.scope.inScope(me),
        ...(options.includeWithdrawn ? {} : { withdrawnAt: IsNull() }),
      },
      order: { code: 'ASC' },
    });
    return rows.map(unitView);
  }

  async unit(me: Principal, id: string): Promise<UnitView> {
    await this.scope.requireUnit(me, id);
    const row = await this.db.getRepository(Unit).findOneBy({ id });
    if (!row) throw new NotFound('unit', id);
    return unitView(row);
  }
}
