import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { NotFound, type EntityName } from '../common/domain-error.js';
import { Unit } from '../organisations/unit.entity.js';
import type { Principal } from './principal.js';

/**
 * Which units a caller may see. Services filter every query of unit data by these ids (no "load by
 * id, then check"); a record outside the scope is simply not found.
 *
 * - admin: every unit of their organisation (all units when they belong to none)
 * - management: their units when assigned some, otherwise their whole organisation
 * - quality officer: the units they are assigned to
 * - assessor: the units of the assessments they are assigned to
 */
@Injectable()
export class ScopeService {
  private readonly cache = new WeakMap<Principal, Promise<string[]>>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  visibleUnitIds(
    principal: Principal,
    manager: EntityManager = this.db.manager,
  ): Promise<string[]> {
    let ids = this.cache.get(principal);
    if (!ids) {
      ids = this.load(principal, manager);
      this.cache.set(principal, ids);
    }
    return ids;
  }

  private async load(p: Principal, m: EntityManager): Promise<string[]> {
    const units = m.getRepository(Unit).createQueryBuilder('u').select('u.id', 'id');
    switch (p.role) {
      case 'admin':
        if (p.organisationId) units.where('u.organisationId = :org', { org: p.organisationId });
        break;
      case 'management':
        if (p.unitIds.length > 0) return [...p.unitIds];
        if (!p.organisationId) return [];
        units.where('u.organisationId = :org', { org: p.organisationId });
        break;
      case 'quality_officer':
        return [...p.unitIds];
      case 'assessor':
        units.where(
          `u.id IN (SELECT a.unit_id FROM assessment a INNER JOIN assessment_assessor aa ON aa.assessment_id = a.id WHERE aa.user_id = :me)`,
          { me: p.id },
        );
        break;
    }
    return (await units.getRawMany<{ id: string }>()).map((r) => r.id);
  }

  async canSeeUnit(principal: Principal, unitId: string): Promise<boolean> {
    return (await this.visibleUnitIds(principal)).includes(unitId);
  }

  /** Throws not-found for a unit the caller may not see (its existence is not revealed). */
  async requireUnit(
    principal: Principal,
    unitId: string,
    entity: EntityName = 'unit',
    id: string = unitId,
  ): Promise<void> {
    if (!(await this.canSeeUnit(principal, unitId))) throw new NotFound(entity, id);
  }

  /** Organisations the caller may see: theirs, or all for an administrator of no organisation. */
  visibleOrganisationIds(principal: Principal): string[] | 'all' {
    if (principal.role === 'admin' && !principal.organisationId) return 'all';
    return principal.organisationId ? [principal.organisationId] : [];
  }
}
