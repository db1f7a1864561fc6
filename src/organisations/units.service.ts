import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { fieldChanges, recordAudit } from '../audit-log/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { NotFound, ValidationFailed } from '../common/domain-error.js';
import { UnitError } from './unit-errors.js';
import { ReadinessKeeper } from '../common/readiness-keeper.js';
import { OrganisationsService, unitView, type UnitView } from './organisations.service.js';
import { Unit } from './unit.entity.js';
import { organisationOfNewUnit } from './unit-rules.js';
import type { CreateUnitDto, UpdateUnitDto } from './units.dto.js';

/** The audited fields of a unit. */
const audited = (u: Unit): Record<string, unknown> => ({
  code: u.code,
  name: u.name,
  shortName: u.shortName,
  description: u.description,
  withdrawn: u.withdrawnAt !== null,
});

/**
 * An administrator's changes to the units of their organisation. Units are never deleted: a
 * withdrawn unit keeps its assessments, evidence and audit trail, and can be restored.
 */
@Injectable()
export class UnitsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly organisations: OrganisationsService,
    private readonly readiness: ReadinessKeeper,
  ) {}

  /** A unit made on the administration page, in the organisation `organisationOfNewUnit` gives. */
  async createInChosenOrganisation(
    me: Principal,
    chosen: string | undefined,
    dto: CreateUnitDto,
  ): Promise<UnitView> {
    const visible = (await this.organisations.list(me)).map((o) => o.id);
    const organisationId = organisationOfNewUnit(visible, chosen);
    if (!organisationId)
      throw new ValidationFailed([{ field: 'organisationId', rule: 'isDefined' }]);
    return this.create(me, organisationId, dto);
  }

  async create(me: Principal, organisationId: string, dto: CreateUnitDto): Promise<UnitView> {
    await this.organisations.get(me, organisationId);
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(Unit);
      if (await repo.existsBy({ organisationId, code: dto.code }))
        throw new UnitError('unit_code_taken', { code: dto.code });
      const unit = await repo.save(
        repo.create({
          organisationId,
          code: dto.code,
          name: dto.name,
          shortName: dto.shortName ?? null,
          description: dto.description ?? null,
          managedBy: 'app',
          withdrawnAt: null,
        }),
      );
      await this.readiness.unitsChanged(m, unit.id);
      await recordAudit(m, {
        actorId: me.id,
        action: 'unit.create',
        entity: 'unit',
        entityId: unit.id,
        organisationId,
        unitId: unit.id,
        changes: fieldChanges(null, audited(unit)),
      });
      return unitView(unit);
    });
  }

  async update(me: Principal, id: string, dto: UpdateUnitDto): Promise<UnitView> {
    await this.scope.requireUnit(me, id);
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(Unit);
      const unit = await repo.findOneBy({ id });
      if (!unit) throw new NotFound('unit', id);
      const before = audited(unit);
      if (dto.name !== undefined) unit.name = dto.name;
      if (dto.shortName !== undefined) unit.shortName = dto.shortName;
      if (dto.description !== undefined) unit.description = dto.description;
      if (dto.withdrawn !== undefined && dto.withdrawn !== (unit.withdrawnAt !== null))
        unit.withdrawnAt = dto.withdrawn ? new Date() : null;
      const changes = fieldChanges(before, audited(unit));
      if (Object.keys(changes).length === 0) return unitView(unit);
      // From now on the app, not the seed file, keeps this unit's name and description.
      unit.managedBy = 'app';
      await repo.save(unit);
      // A withdrawn unit leaves the roll-ups (its stored readiness goes); a restored one returns.
      if ('withdrawn' in changes) await this.readiness.unitsChanged(m, unit.id);
      await recordAudit(m, {
        actorId: me.id,
        action:
          'withdrawn' in changes
            ? unit.withdrawnAt
              ? 'unit.withdraw'
              : 'unit.restore'
            : 'unit.update',
        entity: 'unit',
        entityId: unit.id,
        organisationId: unit.organisationId,
        unitId: unit.id,
        changes,
      });
      return unitView(unit);
    });
  }
}
