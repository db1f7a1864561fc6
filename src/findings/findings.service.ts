import { lockRow } from '../database/row-lock.js';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import {
  currentAssessmentId,
  findVisibleAssessment,
  requireAssignedAssessor,
  requireNotReported,
} from '../assessments/assessment-access.js';
import { Assessment } from '../assessments/assessment.entity.js';
import { AuditEvent } from '../audit-log/audit-event.entity.js';
import { fieldChanges, recordAudit } from '../audit-log/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { ROLES } from '../auth/role.js';
import { ScopeService } from '../auth/scope.js';
import { todayInZone } from '../common/dates.js';
import { NotFound } from '../common/domain-error.js';
import {
  CorrectiveActionIncomplete,
  FindingChanged,
  FindingError,
  FindingTransitionNotAllowed,
  FindingTransitionRoleNotAllowed,
  NoAssessmentForFinding,
  TransitionNoteRequired,
} from './finding-errors.js';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { Evidence } from '../evidence/evidence.entity.js';
import { ReadinessKeeper } from '../common/readiness-keeper.js';
import { Unit } from '../organisations/unit.entity.js';
import { Clause } from '../standards/clause.entity.js';
import { CorrectiveAction } from './corrective-action.entity.js';
import {
  allowedTransitions,
  checkTransition,
  defaultDueOn,
  type CorrectiveActionDraft,
} from './finding-lifecycle.js';
import { isNonconformity, isPlanEditable } from './finding-rules.js';
import type { FindingState } from './finding-types.js';
import { Finding } from './finding.entity.js';
import type { CorrectiveActionDto, RecordFindingDto, TransitionDto } from './findings.dto.js';
import {
  findingView,
  type FindingDetailView,
  type FindingRecord,
  type FindingView,
} from './finding-views.js';

/** The officer may change the plan until it is implemented; after that it is the assessor's to judge. */

const STAMP: Partial<Record<FindingState, keyof CorrectiveAction>> = {
  planned: 'plannedAt',
  implemented: 'implementedAt',
  verified: 'verifiedAt',
  closed: 'closedAt',
};

const planDraft = (ca: CorrectiveAction | null | undefined): CorrectiveActionDraft | null =>
  ca
    ? {
        correction: ca.correction,
        rootCause: ca.rootCause,
        action: ca.action,
        owner: ca.owner,
        dueOn: ca.dueOn,
      }
    : null;

const clean = (text: string): string | null => text.trim() || null;

@Injectable()
export class FindingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MUTU_CONFIG) private readonly config: MutuConfig,
    private readonly scope: ScopeService,
    private readonly readiness: ReadinessKeeper,
  ) {}

  private query(m: EntityManager) {
    return m
      .getRepository(Finding)
      .createQueryBuilder('f')
      .innerJoinAndSelect('f.assessment', 'a')
      .innerJoinAndSelect('a.unit', 'unit')
      .innerJoinAndSelect('f.clause', 'clause')
      .leftJoinAndSelect('f.correctiveAction', 'ca')
      .leftJoinAndSelect('f.evidence', 'evidence');
  }

  /** The finding, if the caller may see its unit; otherwise not found. */
  private async find(m: EntityManager, me: Principal, id: string): Promise<FindingRecord> {
    const found = await this.scope
      .restrict(this.query(m).where('f.id = :id', { id }), 'a.unitId', me)
      .getOne();
    if (!found) throw new NotFound('finding', id);
    return found as FindingRecord;
  }

  private today(): string {
    return todayInZone(new Date());
  }

  /**
   * The cycle that a finding raised from outside one (a complaint, a survey) joins: the unit's
   * current assessment. A withdrawn unit is not found; one without any assessment has none to join.
   */
  async currentAssessmentOf(me: Principal, unitId: string): Promise<string> {
    const m = this.db.manager;
    await this.scope.requireUnit(me, unitId);
    if (!(await m.getRepository(Unit).existsBy({ id: unitId, withdrawnAt: IsNull() })))
      throw new NotFound('unit', unitId);
    const assessmentId = await currentAssessmentId(m, unitId);
    if (!assessmentId) throw new NoAssessmentForFinding();
    return assessmentId;
  }

  async list(me: Principal, assessmentId: string): Promise<FindingView[]> {
    const a = await findVisibleAssessment(this.db.manager, this.scope, me, assessmentId);
    const rows = (await this.query(this.db.manager)
      .where('f.assessmentId = :id', { id: a.id })
      .orderBy('f.number')
      .getMany()) as FindingRecord[];
    const today = this.today();
    return rows.map((f) => findingView(f, me.role, today));
  }

  async detail(
    me: Principal,
    id: string,
    m: EntityManager = this.db.manager,
  ): Promise<FindingDetailView> {
    const f = await this.find(m, me, id);
    const events = await m
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .leftJoinAndSelect('e.actor', 'actor')
      .where('e.entity = :entity AND e.entityId = :id', { entity: 'finding', id: f.id })
      .andWhere('e.action = :action', { action: 'finding.transition' })
      .orderBy('e.occurredAt', 'ASC')
      .getMany();
    return {
      ...findingView(f, me.role, this.today()),
      history: events.map((e) => ({
        at: e.occurredAt,
        actor: e.actor ? { id: e.actor.id, displayName: e.actor.displayName } : null,
        from: (e.changes?.state?.before ?? null) as FindingState | null,
        to: (e.changes?.state?.after ?? null) as FindingState | null,
        note: (e.changes?.note?.after ?? null) as string | null,
      })),
    };
  }

  /** Records a finding (an assigned assessor, before the report); nonconformities get a due date. */
  async record(
    me: Principal,
    assessmentId: string,
    dto: RecordFindingDto,
    /** The caller's transaction, when the finding is one step of a larger change. */
    outer?: EntityManager,
  ): Promise<FindingDetailView> {
    const run = async (m: EntityManager): Promise<FindingDetailView> => {
      const a = await findVisibleAssessment(m, this.scope, me, assessmentId);
      requireAssignedAssessor(me, a);
      requireNotReported(a);
      const clause = await m
        .getRepository(Clause)
        .findOneBy({ standardId: a.standardId, number: dto.clause });
      if (!clause)
        throw new FindingError(
          'clause_not_in_standard',
          { clause: dto.clause, standard: a.standard.code },
          [{ field: 'clause', rule: 'clauseNotInStandard', values: [dto.clause] }],
        );
      const ids = [...new Set(dto.evidenceIds ?? [])];
      const evidence = ids.length
        ? await m
            .getRepository(Evidence)
            .findBy({ id: In(ids), unitId: a.unitId, withdrawnAt: IsNull() })
        : [];
      const foreign = ids.filter((id) => !evidence.some((e) => e.id === id));
      if (foreign.length)
        throw new FindingError('evidence_not_in_unit', { ids: foreign.join(', ') }, [
          { field: 'evidenceIds', rule: 'evidenceNotInUnit', values: foreign },
        ]);

      // Numbers are sequential per assessment: serialise concurrent recordings on PostgreSQL.
      await lockRow(m, Assessment, a.id);
      const last = await m
        .getRepository(Finding)
        .createQueryBuilder('f')
        .select('MAX(f.number)', 'n')
        .where('f.assessmentId = :id', { id: a.id })
        .getRawOne<{ n: number | string | null }>();
      const repo = m.getRepository(Finding);
      const finding = await repo.save(
        repo.create({
          assessmentId: a.id,
          number: Number(last?.n ?? 0) + 1,
          clauseId: clause.id,
          grade: dto.grade,
          statement: dto.statement.trim(),
          objectiveEvidence: dto.objectiveEvidence?.trim() || null,
          state: 'open',
          evidence,
          createdById: me.id,
        }),
      );
      const dueOn = defaultDueOn(dto.grade, this.today(), this.config.deadlines);
      if (isNonconformity(dto.grade))
        await m.getRepository(CorrectiveAction).insert({ findingId: finding.id, dueOn });
      await recordAudit(m, {
        actorId: me.id,
        action: 'finding.create',
        entity: 'finding',
        entityId: finding.id,
        organisationId: a.unit.organisationId,
        unitId: a.unitId,
        changes: fieldChanges(null, {
          assessmentId: a.id,
          number: finding.number,
          clause: clause.number,
          grade: finding.grade,
          statement: finding.statement,
          objectiveEvidence: finding.objectiveEvidence,
          evidenceIds: ids,
          dueOn,
        }),
      });
      await this.readiness.unitsChanged(m, a.unitId);
      return this.detail(me, finding.id, m);
    };
    return outer ? run(outer) : this.db.transaction(run);
  }

  /** The officer writes (or rewrites) the corrective action of a nonconformity of their unit. */
  async plan(me: Principal, id: string, dto: CorrectiveActionDto): Promise<FindingDetailView> {
    return this.db.transaction(async (m) => {
      const f = await this.find(m, me, id);
      if (!isNonconformity(f.grade))
        throw new FindingError('no_corrective_action', {}, { grade: f.grade });
      if (!isPlanEditable(f.state))
        throw new FindingError('corrective_action_locked', {}, { state: f.state });
      const today = this.today();
      const repo = m.getRepository(CorrectiveAction);
      const ca = f.correctiveAction ?? repo.create({ findingId: f.id, dueOn: null });
      // An unchanged due date that has passed stays: the plan of an overdue action can still be edited.
      if (dto.dueOn !== undefined && dto.dueOn !== ca.dueOn && dto.dueOn < today)
        throw new FindingError('due_date_in_past', { dueOn: dto.dueOn, today }, [
          { field: 'dueOn', rule: 'notInPast' },
        ]);
      const before = planDraft(f.correctiveAction);
      ca.correction = clean(dto.correction);
      ca.rootCause = clean(dto.rootCause);
      ca.action = clean(dto.action);
      ca.owner = clean(dto.owner);
      if (dto.dueOn !== undefined) ca.dueOn = dto.dueOn;
      const changes = fieldChanges(before, { ...planDraft(ca) });
      if (Object.keys(changes).length > 0) {
        await repo.save(ca);
        await recordAudit(m, {
          actorId: me.id,
          action: 'finding.plan',
          entity: 'finding',
          entityId: f.id,
          organisationId: f.assessment.unit.organisationId,
          unitId: f.assessment.unitId,
          changes,
        });
        await this.readiness.unitsChanged(m, f.assessment.unitId);
      }
      return this.detail(me, f.id, m);
    });
  }

  /** One step of the life cycle; who may take it and when is finding-lifecycle.ts's to say. */
  async transition(me: Principal, id: string, dto: TransitionDto): Promise<FindingDetailView> {
    return this.db.transaction(async (m) => {
      const f = await this.find(m, me, id);
      const from = f.state;
      const to = dto.to;
      const check = checkTransition({
        from,
        to,
        grade: f.grade,
        role: me.role,
        correctiveAction: planDraft(f.correctiveAction),
        note: dto.note,
      });
      if (!check.ok) {
        const step = { from, to, allowed: check.allowed };
        switch (check.reason) {
          case 'not_allowed_now':
            throw new FindingTransitionNotAllowed(step);
          case 'role_not_allowed':
            throw new FindingTransitionRoleNotAllowed(
              step,
              ROLES.find((r) => allowedTransitions(from, f.grade, r).includes(to)),
            );
          case 'corrective_action_incomplete':
            throw new CorrectiveActionIncomplete(check.missing ?? []);
          case 'note_required':
            throw new TransitionNoteRequired(to);
        }
      }
      // Compare-and-set: of two people acting on the same finding at once, the second is told.
      const moved = await m.getRepository(Finding).update({ id: f.id, state: from }, { state: to });
      if (moved.affected === 0) throw new FindingChanged();
      const stamp = STAMP[to];
      if (stamp && f.correctiveAction)
        await m
          .getRepository(CorrectiveAction)
          .update({ id: f.correctiveAction.id }, { [stamp]: new Date() });
      const note = dto.note?.trim() || null;
      await recordAudit(m, {
        actorId: me.id,
        action: 'finding.transition',
        entity: 'finding',
        entityId: f.id,
        organisationId: f.assessment.unit.organisationId,
        unitId: f.assessment.unitId,
        changes: { state: { before: from, after: to }, note: { before: null, after: note } },
      });
      await this.readiness.unitsChanged(m, f.assessment.unitId);
      return this.detail(me, f.id, m);
    });
  }
}
