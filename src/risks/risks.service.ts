import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { fieldChanges, recordAudit } from '../audit-log/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import type { WithdrawalDto } from '../common/withdrawal.dto.js';
import { Clock } from '../common/clock.js';
import { todayInZone } from '../common/dates.js';
import { NotFound, ValidationFailed } from '../common/domain-error.js';
import { RiskError } from './risk-errors.js';
import { lockRow } from '../database/row-lock.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Unit } from '../organisations/unit.entity.js';
import { ReadinessKeeper } from '../common/readiness-keeper.js';
import {
  DEFAULT_MATRIX,
  heatMap,
  matrixProblems,
  ratingProblems,
  riskLevel,
  isHigh,
} from './risk-rules.js';
import { RiskMatrixRecord } from './risk-matrix.entity.js';
import type { RiskMatrix } from './risk-types.js';
import {
  riskView,
  type RiskHeatMapView,
  type RiskMatrixView,
  type RiskView,
  riskFields,
} from './risk-views.js';
import { Risk } from './risk.entity.js';
import type { CreateRiskDto, RiskMatrixDto, UpdateRiskDto } from './risks.dto.js';

/** What the audit trail keeps of an entry. */
const audited = (r: Risk): Record<string, unknown> => ({
  ...riskFields(r),
  withdrawn: r.withdrawnAt !== null,
  ...(r.withdrawalReason === null ? {} : { withdrawalReason: r.withdrawalReason }),
});

/** The organisation's matrix, or the default one. */
export async function matrixOf(m: EntityManager, organisationId: string): Promise<RiskMatrix> {
  const own = await m.getRepository(RiskMatrixRecord).findOneBy({ organisationId });
  return own ? { scale: own.scale, cells: own.cells } : DEFAULT_MATRIX;
}

/** Rates an entry on the matrix (levels from likelihood × impact), refusing a bad rating (400). */
function rate(r: Risk, matrix: RiskMatrix, today: string): void {
  const problems = ratingProblems(r, matrix, today);
  if (problems.length > 0) throw new ValidationFailed(problems);
  r.level = riskLevel(matrix, r.likelihood, r.impact);
  r.residualLevel =
    r.residualLikelihood !== null && r.residualImpact !== null
      ? riskLevel(matrix, r.residualLikelihood, r.residualImpact)
      : null;
}

@Injectable()
export class RisksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly readiness: ReadinessKeeper,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return todayInZone(this.clock.now());
  }

  /** The unit's open entries, by code (risks R-…, then opportunities P-…). */
  async list(me: Principal, unitId: string): Promise<RiskView[]> {
    await this.scope.requireUnit(me, unitId);
    const rows = await this.db
      .getRepository(Risk)
      .find({ where: { unitId, withdrawnAt: IsNull() }, order: { kind: 'DESC', code: 'ASC' } });
    return rows.map(riskView);
  }

  /**
   * Open risks (not opportunities) of each unit of the organisation the caller may see, by unit
   * id: how many are high or extreme, and how many of those have no treatment. One query.
   */
  async organisationCounts(
    me: Principal,
    organisationId: string,
  ): Promise<Map<string, { risks: number; high: number; untreated: number }>> {
    const rows = await this.scope
      .restrict(
        this.db
          .getRepository(Risk)
          .createQueryBuilder('r')
          .innerJoin(Unit, 'unit', 'unit.id = r.unitId')
          .where('unit.organisationId = :organisationId', { organisationId })
          .andWhere("r.kind = 'risk' AND r.withdrawnAt IS NULL"),
        'r.unitId',
        me,
      )
      .select(['r.id', 'r.unitId', 'r.level', 'r.treatment'])
      .getMany();
    const out = new Map<string, { risks: number; high: number; untreated: number }>();
    for (const r of rows) {
      const e = out.get(r.unitId) ?? { risks: 0, high: 0, untreated: 0 };
      e.risks += 1;
      if (isHigh(r.level)) {
        e.high += 1;
        if (!r.treatment) e.untreated += 1;
      }
      out.set(r.unitId, e);
    }
    return out;
  }

  async heatMap(me: Principal, unitId: string): Promise<RiskHeatMapView> {
    await this.scope.requireUnit(me, unitId);
    const unit = await this.db.getRepository(Unit).findOneByOrFail({ id: unitId });
    const matrix = await matrixOf(this.db.manager, unit.organisationId);
    const rows = await this.db
      .getRepository(Risk)
      .find({ where: { unitId, withdrawnAt: IsNull() } });
    return {
      unitId,
      scale: matrix.scale,
      cells: matrix.cells,
      risks: heatMap(
        matrix,
        rows.filter((r) => r.kind === 'risk'),
      ),
      opportunities: heatMap(
        matrix,
        rows.filter((r) => r.kind === 'opportunity'),
      ),
    };
  }

  private async find(me: Principal, id: string, m: EntityManager = this.db.manager): Promise<Risk> {
    const risk = await m
      .getRepository(Risk)
      .findOneBy({ id, unitId: this.scope.inScope(me), withdrawnAt: IsNull() });
    if (!risk) throw new NotFound('risk', id);
    return risk;
  }

  async get(me: Principal, id: string): Promise<RiskView> {
    return riskView(await this.find(me, id));
  }

  async create(me: Principal, unitId: string, dto: CreateRiskDto): Promise<RiskView> {
    await this.scope.requireUnit(me, unitId);
    const today = this.today();
    return this.db.transaction(async (m) => {
      // Numbering per unit: creations of one unit queue up on its row.
      await lockRow(m, Unit, unitId);
      const unit = await m.getRepository(Unit).findOneByOrFail({ id: unitId });
      const repo = m.getRepository(Risk);
      const prefix = dto.kind === 'risk' ? 'R' : 'P';
      const count = await repo.countBy({ unitId, kind: dto.kind });
      const risk = repo.create({
        unitId,
        code: `${prefix}-${String(count + 1).padStart(3, '0')}`,
        kind: dto.kind,
        title: dto.title,
        process: dto.process ?? null,
        clauseNumber: dto.clauseNumber ?? null,
        cause: dto.cause ?? null,
        effect: dto.effect ?? null,
        likelihood: dto.likelihood,
        impact: dto.impact,
        treatment: dto.treatment ?? null,
        treatmentPlan: dto.treatmentPlan ?? null,
        owner: dto.owner ?? null,
        dueOn: dto.dueOn ?? null,
        residualLikelihood: dto.residualLikelihood ?? null,
        residualImpact: dto.residualImpact ?? null,
        reviewedOn: dto.reviewedOn ?? today,
        label: null,
        withdrawnAt: null,
        createdById: me.id,
      });
      rate(risk, await matrixOf(m, unit.organisationId), today);
      const saved = await repo.save(risk);
      await recordAudit(m, {
        actorId: me.id,
        action: 'risk.create',
        entity: 'risk',
        entityId: saved.id,
        organisationId: unit.organisationId,
        unitId,
        changes: fieldChanges(null, audited(saved)),
      });
      await this.readiness.unitsChanged(m, unitId);
      return riskView(saved);
    });
  }

  async update(me: Principal, id: string, dto: UpdateRiskDto): Promise<RiskView> {
    const today = this.today();
    return this.db.transaction(async (m) => {
      await this.find(me, id, m);
      await lockRow(m, Risk, id);
      const risk = await this.find(me, id, m);
      const before = audited(risk);
      m.getRepository(Risk).merge(risk, dto);
      const unit = await m.getRepository(Unit).findOneByOrFail({ id: risk.unitId });
      rate(risk, await matrixOf(m, unit.organisationId), today);
      const saved = await m.getRepository(Risk).save(risk);
      await recordAudit(m, {
        actorId: me.id,
        action: 'risk.update',
        entity: 'risk',
        entityId: id,
        organisationId: unit.organisationId,
        unitId: risk.unitId,
        changes: fieldChanges(before, audited(saved)),
      });
      await this.readiness.unitsChanged(m, risk.unitId);
      return riskView(saved);
    });
  }

  /** Withdraws an entry with the reason (kept on it and in the audit trail); a second time is a 404. */
  async withdraw(me: Principal, id: string, dto: WithdrawalDto): Promise<RiskView> {
    return this.db.transaction(async (m) => {
      await this.find(me, id, m);
      await lockRow(m, Risk, id);
      const risk = await this.find(me, id, m);
      const before = audited(risk);
      risk.withdrawnAt = this.clock.now();
      risk.withdrawalReason = dto.reason;
      const saved = await m.getRepository(Risk).save(risk);
      const unit = await m.getRepository(Unit).findOneByOrFail({ id: risk.unitId });
      await recordAudit(m, {
        actorId: me.id,
        action: 'risk.withdraw',
        entity: 'risk',
        entityId: id,
        organisationId: unit.organisationId,
        unitId: risk.unitId,
        changes: fieldChanges(before, audited(saved)),
      });
      await this.readiness.unitsChanged(m, risk.unitId);
      return riskView(saved);
    });
  }

  private requireOrganisation(me: Principal, organisationId: string): void {
    const orgs = this.scope.visibleOrganisationIds(me);
    if (orgs !== 'all' && !orgs.includes(organisationId))
      throw new NotFound('organisation', organisationId);
  }

  async getMatrix(me: Principal, organisationId: string): Promise<RiskMatrixView> {
    this.requireOrganisation(me, organisationId);
    if (!(await this.db.getRepository(Organisation).existsBy({ id: organisationId })))
      throw new NotFound('organisation', organisationId);
    const own = await this.db.getRepository(RiskMatrixRecord).findOneBy({ organisationId });
    const matrix = own ? { scale: own.scale, cells: own.cells } : DEFAULT_MATRIX;
    return { organisationId, isDefault: !own, ...matrix };
  }

  /**
   * Stores the organisation's own matrix and re-rates every open entry of its units on it; a
   * scale smaller than a rating already given is refused (422, naming the entries).
   */
  async setMatrix(
    me: Principal,
    organisationId: string,
    dto: RiskMatrixDto,
  ): Promise<RiskMatrixView> {
    this.requireOrganisation(me, organisationId);
    const problems = matrixProblems(dto);
    if (problems.length > 0) throw new ValidationFailed(problems);
    const matrix: RiskMatrix = { scale: dto.scale, cells: dto.cells };
    return this.db.transaction(async (m) => {
      await lockRow(m, Organisation, organisationId);
      if (!(await m.getRepository(Organisation).existsBy({ id: organisationId })))
        throw new NotFound('organisation', organisationId);
      const repo = m.getRepository(RiskMatrixRecord);
      const before = await repo.findOneBy({ organisationId });
      const risks = await m
        .getRepository(Risk)
        .createQueryBuilder('r')
        .innerJoin(Unit, 'u', 'u.id = r.unitId')
        .where('u.organisationId = :organisationId', { organisationId })
        .andWhere('r.withdrawnAt IS NULL')
        .orderBy('r.code')
        .getMany();
      const beyond = risks.filter(
        (r) =>
          Math.max(r.likelihood, r.impact, r.residualLikelihood ?? 0, r.residualImpact ?? 0) >
          matrix.scale,
      );
      if (beyond.length > 0)
        throw new RiskError('risk_matrix_scale_too_small', {
          scale: matrix.scale,
          risks: beyond.map((r) => r.code).join(', '),
        });
      await repo.save(repo.create({ organisationId, ...matrix, updatedById: me.id }));
      await recordAudit(m, {
        actorId: me.id,
        action: 'risk_matrix.set',
        entity: 'risk_matrix',
        entityId: organisationId,
        organisationId,
        changes: fieldChanges(before ? { scale: before.scale, cells: before.cells } : null, {
          ...matrix,
        }),
      });
      const units = new Set<string>();
      for (const r of risks) {
        const level = riskLevel(matrix, r.likelihood, r.impact);
        const residualLevel =
          r.residualLikelihood !== null && r.residualImpact !== null
            ? riskLevel(matrix, r.residualLikelihood, r.residualImpact)
            : null;
        if (level === r.level && residualLevel === r.residualLevel) continue;
        await m.getRepository(Risk).update({ id: r.id }, { level, residualLevel });
        units.add(r.unitId);
      }
      await this.readiness.unitsChanged(m, [...units]);
      return { organisationId, isDefault: false, ...matrix };
    });
  }
}
