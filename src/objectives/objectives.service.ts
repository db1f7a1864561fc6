import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, QueryFailedError, type EntityManager } from 'typeorm';
import { fieldChanges, recordAudit } from '../audit-log/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import type { WithdrawalDto } from '../common/withdrawal.dto.js';
import { Clock } from '../common/clock.js';
import { todayInZone } from '../common/dates.js';
import { NotFound, ValidationFailed } from '../common/domain-error.js';
import { ObjectiveError } from './objective-errors.js';
import { lockRow } from '../database/row-lock.js';
import { Evidence } from '../evidence/evidence.entity.js';
import { Unit } from '../organisations/unit.entity.js';
import { ReadinessKeeper } from '../common/readiness-keeper.js';
import { ObjectiveMeasurement } from './measurement.entity.js';
import { isPeriodKey, periodBounds, periodOfDay } from './objective-rules.js';
import type { Frequency } from './objective-types.js';
import {
  measurementView,
  objectiveView,
  toMilli,
  type MeasurementView,
  type ObjectiveView,
} from './objective-views.js';
import { QualityObjective } from './objective.entity.js';
import type {
  CorrectMeasurementDto,
  CreateObjectiveDto,
  RecordMeasurementDto,
  UpdateObjectiveDto,
} from './objectives.dto.js';

const EXAMPLE: Record<Frequency, string> = {
  monthly: '2026-01',
  quarterly: '2026-Q1',
  semester: '2026-S1',
};

const isUniqueViolation = (error: unknown): boolean => {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

const audited = (o: QualityObjective): Record<string, unknown> => ({
  code: o.code,
  statement: o.statement,
  indicator: o.indicator,
  unitOfMeasure: o.unitOfMeasure,
  target: o.targetMilli / 1000,
  direction: o.direction,
  baseline: o.baselineMilli === null ? null : o.baselineMilli / 1000,
  frequency: o.frequency,
  firstPeriod: o.firstPeriod,
  owner: o.owner,
  ikuCode: o.ikuCode,
  withdrawn: o.withdrawnAt !== null,
  ...(o.withdrawalReason === null ? {} : { withdrawalReason: o.withdrawalReason }),
});

const auditedMeasurement = (m: ObjectiveMeasurement): Record<string, unknown> => ({
  period: m.period,
  value: m.valueMilli / 1000,
  note: m.note,
  evidenceId: m.evidenceId,
});

/** The path that corrects the measurement of a period (offered with a 409). */
export const correctionPath = (objectiveId: string, period: string): string =>
  `/api/objectives/${objectiveId}/measurements/${period}`;

@Injectable()
export class ObjectivesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly readiness: ReadinessKeeper,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return todayInZone(this.clock.now());
  }

  private async measurementsOf(
    m: EntityManager,
    objectiveIds: string[],
  ): Promise<Map<string, ObjectiveMeasurement[]>> {
    const byObjective = new Map<string, ObjectiveMeasurement[]>(objectiveIds.map((id) => [id, []]));
    if (objectiveIds.length === 0) return byObjective;
    const rows = await m
      .getRepository(ObjectiveMeasurement)
      .find({ where: { objectiveId: In(objectiveIds) }, order: { period: 'ASC' } });
    for (const r of rows) byObjective.get(r.objectiveId)?.push(r);
    return byObjective;
  }

  /** The unit's objectives by code, each with its state today. */
  async list(me: Principal, unitId: string): Promise<ObjectiveView[]> {
    await this.scope.requireUnit(me, unitId);
    const rows = await this.db
      .getRepository(QualityObjective)
      .find({ where: { unitId, withdrawnAt: IsNull() }, order: { code: 'ASC' } });
    const measurements = await this.measurementsOf(
      this.db.manager,
      rows.map((r) => r.id),
    );
    const today = this.today();
    return rows.map((r) => objectiveView(r, measurements.get(r.id) ?? [], today));
  }

  /**
   * The objectives of every unit of the organisation the caller may see, by unit id, each with
   * its state today. Two queries whatever the number of units (the management summary).
   */
  async organisationObjectives(
    me: Principal,
    organisationId: string,
  ): Promise<Map<string, ObjectiveView[]>> {
    const rows = await this.scope
      .restrict(
        this.db
          .getRepository(QualityObjective)
          .createQueryBuilder('o')
          .innerJoin(Unit, 'unit', 'unit.id = o.unitId')
          .where('unit.organisationId = :organisationId', { organisationId })
          .andWhere('o.withdrawnAt IS NULL'),
        'o.unitId',
        me,
      )
      .orderBy('o.code')
      .getMany();
    const measurements = await this.measurementsOf(
      this.db.manager,
      rows.map((r) => r.id),
    );
    const today = this.today();
    const out = new Map<string, ObjectiveView[]>();
    for (const r of rows)
      out.set(r.unitId, [
        ...(out.get(r.unitId) ?? []),
        objectiveView(r, measurements.get(r.id) ?? [], today),
      ]);
    return out;
  }

  private async find(
    me: Principal,
    id: string,
    m: EntityManager = this.db.manager,
  ): Promise<QualityObjective> {
    const objective = await m
      .getRepository(QualityObjective)
      .findOneBy({ id, unitId: this.scope.inScope(me), withdrawnAt: IsNull() });
    if (!objective) throw new NotFound('objective', id);
    return objective;
  }

  async get(me: Principal, id: string): Promise<ObjectiveView> {
    const objective = await this.find(me, id);
    const measurements = await this.measurementsOf(this.db.manager, [id]);
    return objectiveView(objective, measurements.get(id) ?? [], this.today());
  }

  /** The objective and its measurements, oldest period first (the page's chart). */
  async detail(
    me: Principal,
    id: string,
  ): Promise<{ objective: ObjectiveView; measurements: MeasurementView[] }> {
    const objective = await this.find(me, id);
    const rows = (await this.measurementsOf(this.db.manager, [id])).get(id) ?? [];
    return {
      objective: objectiveView(objective, rows, this.today()),
      measurements: rows.map((r) => measurementView(objective, r)),
    };
  }

  async measurements(me: Principal, id: string): Promise<MeasurementView[]> {
    return (await this.detail(me, id)).measurements;
  }

  private checkFirstPeriod(frequency: Frequency, firstPeriod: string): void {
    if (!isPeriodKey(frequency, firstPeriod))
      throw new ValidationFailed([
        { field: 'firstPeriod', rule: 'periodOfFrequency', values: [EXAMPLE[frequency]] },
      ]);
  }

  async create(me: Principal, unitId: string, dto: CreateObjectiveDto): Promise<ObjectiveView> {
    await this.scope.requireUnit(me, unitId);
    const today = this.today();
    const firstPeriod = dto.firstPeriod ?? periodOfDay(dto.frequency, today);
    this.checkFirstPeriod(dto.frequency, firstPeriod);
    return this.db.transaction(async (m) => {
      await lockRow(m, Unit, unitId);
      const unit = await m.getRepository(Unit).findOneByOrFail({ id: unitId });
      const repo = m.getRepository(QualityObjective);
      const count = await repo.countBy({ unitId });
      const saved = await repo.save(
        repo.create({
          unitId,
          code: `SM-${String(count + 1).padStart(2, '0')}`,
          statement: dto.statement,
          indicator: dto.indicator,
          unitOfMeasure: dto.unitOfMeasure,
          targetMilli: toMilli(dto.target),
          direction: dto.direction,
          baselineMilli:
            dto.baseline === undefined || dto.baseline === null ? null : toMilli(dto.baseline),
          frequency: dto.frequency,
          firstPeriod,
          owner: dto.owner ?? null,
          ikuCode: dto.ikuCode ?? null,
          label: null,
          withdrawnAt: null,
          createdById: me.id,
        }),
      );
      await recordAudit(m, {
        actorId: me.id,
        action: 'objective.create',
        entity: 'objective',
        entityId: saved.id,
        organisationId: unit.organisationId,
        unitId,
        changes: fieldChanges(null, audited(saved)),
      });
      await this.readiness.unitsChanged(m, unitId);
      return objectiveView(saved, [], today);
    });
  }

  async update(me: Principal, id: string, dto: UpdateObjectiveDto): Promise<ObjectiveView> {
    return this.change(me, id, 'objective.update', (o) => {
      const { target, baseline, ...rest } = dto;
      // Only the fields given change: a field left out (undefined) keeps its value.
      Object.assign(o, Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
      if (target !== undefined) o.targetMilli = toMilli(target);
      if (baseline !== undefined) o.baselineMilli = baseline === null ? null : toMilli(baseline);
      this.checkFirstPeriod(o.frequency, o.firstPeriod);
    });
  }

  /** Withdraws an objective with the reason (kept on it and in the audit trail). */
  async withdraw(me: Principal, id: string, dto: WithdrawalDto): Promise<ObjectiveView> {
    return this.change(me, id, 'objective.withdraw', (o) => {
      o.withdrawnAt = this.clock.now();
      o.withdrawalReason = dto.reason;
    });
  }

  private async change(
    me: Principal,
    id: string,
    action: string,
    apply: (o: QualityObjective) => void,
  ): Promise<ObjectiveView> {
    const today = this.today();
    return this.db.transaction(async (m) => {
      await this.find(me, id, m);
      await lockRow(m, QualityObjective, id);
      const objective = await this.find(me, id, m);
      const before = audited(objective);
      apply(objective);
      const saved = await m.getRepository(QualityObjective).save(objective);
      const unit = await m.getRepository(Unit).findOneByOrFail({ id: saved.unitId });
      await recordAudit(m, {
        actorId: me.id,
        action,
        entity: 'objective',
        entityId: id,
        organisationId: unit.organisationId,
        unitId: saved.unitId,
        changes: fieldChanges(before, audited(saved)),
      });
      await this.readiness.unitsChanged(m, saved.unitId);
      const measurements = await this.measurementsOf(m, [id]);
      return objectiveView(saved, measurements.get(id) ?? [], today);
    });
  }

  /** Evidence linked to a measurement must be the same unit's (and not withdrawn), else 404. */
  private async checkEvidence(
    m: EntityManager,
    unitId: string,
    evidenceId: string | null | undefined,
  ): Promise<void> {
    if (!evidenceId) return;
    const found = await m
      .getRepository(Evidence)
      .existsBy({ id: evidenceId, unitId, withdrawnAt: IsNull() });
    if (!found) throw new NotFound('evidence', evidenceId);
  }

  private checkPeriod(o: QualityObjective, period: string, today: string): string {
    const problem = !isPeriodKey(o.frequency, period)
      ? { field: 'period', rule: 'periodOfFrequency', values: [EXAMPLE[o.frequency]] }
      : period < o.firstPeriod
        ? { field: 'period', rule: 'beforeFirstPeriod', values: [o.firstPeriod] }
        : periodBounds(o.frequency, period).startsOn > today
          ? { field: 'period', rule: 'periodNotStarted' }
          : null;
    if (problem) throw new ValidationFailed([problem]);
    return periodBounds(o.frequency, period).endsOn;
  }

  /**
   * Records the measurement of a period. A period that already has one is a 409 that names the
   * correction route (PUT of that period); two requests at once: one 201, one 409.
   */
  async record(me: Principal, id: string, dto: RecordMeasurementDto): Promise<MeasurementView> {
    const today = this.today();
    const run = () =>
      this.db.transaction(async (m) => {
        await this.find(me, id, m);
        await lockRow(m, QualityObjective, id);
        const objective = await this.find(me, id, m);
        const periodEndsOn = this.checkPeriod(objective, dto.period, today);
        const repo = m.getRepository(ObjectiveMeasurement);
        if (await repo.existsBy({ objectiveId: id, period: dto.period }))
          throw this.duplicate(id, dto.period);
        await this.checkEvidence(m, objective.unitId, dto.evidenceId);
        const saved = await repo.save(
          repo.create({
            objectiveId: id,
            unitId: objective.unitId,
            period: dto.period,
            periodEndsOn,
            valueMilli: toMilli(dto.value),
            note: dto.note ?? null,
            evidenceId: dto.evidenceId ?? null,
            recordedById: me.id,
          }),
        );
        await this.auditMeasurement(m, me, objective, 'objective_measurement.record', null, saved);
        await this.readiness.unitsChanged(m, objective.unitId);
        return measurementView(objective, saved);
      });
    try {
      return await run();
    } catch (error) {
      // Another request recorded the same period between our check and our write.
      if (isUniqueViolation(error)) throw this.duplicate(id, dto.period);
      throw error;
    }
  }

  private duplicate(id: string, period: string): ObjectiveError {
    return new ObjectiveError(
      'measurement_period_exists',
      { period },
      { correction: { method: 'PUT', path: correctionPath(id, period) } },
    );
  }

  /** Corrects the measurement of a period (404 when the period has none). */
  async correct(
    me: Principal,
    id: string,
    period: string,
    dto: CorrectMeasurementDto,
  ): Promise<MeasurementView> {
    return this.db.transaction(async (m) => {
      await this.find(me, id, m);
      await lockRow(m, QualityObjective, id);
      const objective = await this.find(me, id, m);
      const repo = m.getRepository(ObjectiveMeasurement);
      const measurement = await repo.findOneBy({ objectiveId: id, period });
      if (!measurement) throw new NotFound('measurement', period);
      await this.checkEvidence(m, objective.unitId, dto.evidenceId);
      const before = auditedMeasurement(measurement);
      measurement.valueMilli = toMilli(dto.value);
      if (dto.note !== undefined) measurement.note = dto.note;
      if (dto.evidenceId !== undefined) measurement.evidenceId = dto.evidenceId;
      const saved = await repo.save(measurement);
      await this.auditMeasurement(m, me, objective, 'objective_measurement.correct', before, saved);
      await this.readiness.unitsChanged(m, objective.unitId);
      return measurementView(objective, saved);
    });
  }

  private async auditMeasurement(
    m: EntityManager,
    me: Principal,
    objective: QualityObjective,
    action: string,
    before: Record<string, unknown> | null,
    saved: ObjectiveMeasurement,
  ): Promise<void> {
    const unit = await m.getRepository(Unit).findOneByOrFail({ id: objective.unitId });
    await recordAudit(m, {
      actorId: me.id,
      action,
      entity: 'objective_measurement',
      entityId: saved.id,
      organisationId: unit.organisationId,
      unitId: objective.unitId,
      changes: fieldChanges(before, auditedMeasurement(saved)),
    });
  }
}
