import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { fieldChanges, recordAudit } from '../audit-log/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { Clock } from '../common/clock.js';
import { formatDateId, todayInZone } from '../common/dates.js';
import { NotFound, ValidationFailed, type FieldProblem } from '../common/domain-error.js';
import { lockRow } from '../database/row-lock.js';
import type { Language } from '../i18n/i18n.js';
import { Unit } from '../organisations/unit.entity.js';
import { ReadinessKeeper } from '../common/readiness-keeper.js';
import { ManagementReview, ReviewDecision } from './management-review.entity.js';
import { ReviewError, ReviewInputsNotDiscussed } from './review-errors.js';
import type {
  CompleteActionDto,
  CreateDecisionDto,
  CreateReviewDto,
  ReviewInputDto,
  UpdateReviewDto,
} from './management-review.dto.js';
import {
  applyInputs,
  decisionProblems,
  emptyInputs,
  missingInputs,
  type RecordLink,
  type RecordLinkKind,
} from './review-rules.js';
import {
  decisionView,
  reviewSummary,
  reviewView,
  type DecisionView,
  type ReviewSummaryView,
  type ReviewView,
} from './review-views.js';

type ReviewRecord = ManagementReview & { unit: Unit };

/** The unit column of each kind of record an input may link to (a finding's through its assessment). */
const LINK_UNIT_SQL: Record<RecordLinkKind, string> = {
  assessment: 'SELECT id FROM assessment WHERE unit_id = :unitId AND id IN (:...ids)',
  finding:
    'SELECT f.id FROM finding f INNER JOIN assessment a ON a.id = f.assessment_id WHERE a.unit_id = :unitId AND f.id IN (:...ids)',
  evidence: 'SELECT id FROM evidence WHERE unit_id = :unitId AND id IN (:...ids)',
  satisfaction_survey:
    'SELECT id FROM satisfaction_survey WHERE unit_id = :unitId AND id IN (:...ids)',
  audit_programme_entry:
    'SELECT id FROM audit_programme_entry WHERE unit_id = :unitId AND id IN (:...ids)',
  management_review: 'SELECT id FROM management_review WHERE unit_id = :unitId AND id IN (:...ids)',
};

const audited = (r: ManagementReview): Record<string, unknown> => ({
  title: r.title,
  heldOn: r.heldOn,
  chair: r.chair,
  attendees: r.attendees,
  inputs: r.inputs,
  state: r.state,
});

@Injectable()
export class ManagementReviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly readiness: ReadinessKeeper,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return todayInZone(this.clock.now());
  }

  async list(me: Principal, unitId: string): Promise<ReviewSummaryView[]> {
    await this.scope.requireUnit(me, unitId);
    const rows = await this.db
      .getRepository(ManagementReview)
      .find({ where: { unitId }, order: { heldOn: 'DESC', createdAt: 'DESC' } });
    return rows.map(reviewSummary);
  }

  async create(
    me: Principal,
    unitId: string,
    dto: CreateReviewDto,
    lang: Language,
  ): Promise<ReviewView> {
    return this.db.transaction(async (m) => {
      await this.scope.requireUnit(me, unitId, 'unit', unitId, m);
      const unit = await m.getRepository(Unit).findOneBy({ id: unitId });
      if (!unit || unit.withdrawnAt) throw new NotFound('unit', unitId);
      this.requireNotFuture(dto.heldOn);
      const repo = m.getRepository(ManagementReview);
      const review = await repo.save(
        repo.create({
          unitId,
          title: dto.title?.trim() || `Tinjauan Manajemen ${formatDateId(dto.heldOn, 'id')}`,
          heldOn: dto.heldOn,
          chair: dto.chair.trim(),
          attendees: (dto.attendees ?? []).map((a) => a.trim()),
          inputs: emptyInputs(),
          state: 'draft',
          closedAt: null,
          closedById: null,
          createdById: me.id,
        }),
      );
      await recordAudit(m, {
        actorId: me.id,
        action: 'management_review.create',
        entity: 'management_review',
        entityId: review.id,
        organisationId: unit.organisationId,
        unitId,
        changes: fieldChanges(null, audited(review)),
      });
      await this.readiness.unitsChanged(m, unitId);
      return this.get(me, review.id, lang, m);
    });
  }

  async get(
    me: Principal,
    id: string,
    lang: Language,
    m: EntityManager = this.db.manager,
  ): Promise<ReviewView> {
    const review = await this.find(m, me, id);
    const decisions = await m
      .getRepository(ReviewDecision)
      .find({ where: { reviewId: id }, order: { position: 'ASC' } });
    return reviewView(review, decisions, lang, this.today());
  }

  async update(
    me: Principal,
    id: string,
    dto: UpdateReviewDto,
    lang: Language,
  ): Promise<ReviewView> {
    return this.db.transaction(async (m) => {
      await lockRow(m, ManagementReview, id);
      const review = await this.find(m, me, id);
      this.requireDraft(review);
      const before = audited(review);
      if (dto.title !== undefined) review.title = dto.title.trim();
      if (dto.heldOn !== undefined) {
        this.requireNotFuture(dto.heldOn);
        review.heldOn = dto.heldOn;
      }
      if (dto.chair !== undefined) review.chair = dto.chair.trim();
      if (dto.attendees !== undefined) review.attendees = dto.attendees.map((a) => a.trim());
      if (dto.inputs !== undefined) {
        await this.checkLinks(m, review.unitId, dto.inputs);
        review.inputs = applyInputs(
          review.inputs,
          dto.inputs.map((i) => ({
            code: i.code,
            discussed: i.discussed,
            note: i.note === undefined ? undefined : i.note?.trim() || null,
            links: i.links?.map((l) => ({ kind: l.kind, id: l.id.toLowerCase() })),
          })),
        );
      }
      const changes = fieldChanges(before, audited(review));
      if (Object.keys(changes).length > 0) {
        const { unit: _unit, ...row } = review;
        await m.getRepository(ManagementReview).save(row);
        await recordAudit(m, {
          actorId: me.id,
          action: 'management_review.update',
          entity: 'management_review',
          entityId: review.id,
          organisationId: review.unit.organisationId,
          unitId: review.unitId,
          changes,
        });
        await this.readiness.unitsChanged(m, review.unitId);
      }
      return this.get(me, id, lang, m);
    });
  }

  async addDecision(
    me: Principal,
    id: string,
    dto: CreateDecisionDto,
    lang: Language,
  ): Promise<ReviewView> {
    return this.db.transaction(async (m) => {
      await lockRow(m, ManagementReview, id);
      const review = await this.find(m, me, id);
      this.requireDraft(review);
      const problems = decisionProblems(dto, review.heldOn);
      if (problems.length > 0) throw new ValidationFailed(problems);
      const action = dto.action?.trim() || null;
      const repo = m.getRepository(ReviewDecision);
      const position = (await repo.countBy({ reviewId: review.id })) + 1;
      const decision = await repo.save(
        repo.create({
          reviewId: review.id,
          position,
          unitId: review.unitId,
          decision: dto.decision.trim(),
          action,
          owner: action ? dto.owner!.trim() : null,
          dueOn: action ? dto.dueOn! : null,
          actionStatus: action ? 'open' : null,
          completedAt: null,
          completionNote: null,
          createdById: me.id,
        }),
      );
      await recordAudit(m, {
        actorId: me.id,
        action: 'review_decision.create',
        entity: 'review_decision',
        entityId: decision.id,
        organisationId: review.unit.organisationId,
        unitId: review.unitId,
        changes: fieldChanges(null, {
          reviewId: review.id,
          decision: decision.decision,
          action: decision.action,
          owner: decision.owner,
          dueOn: decision.dueOn,
        }),
      });
      return this.get(me, id, lang, m);
    });
  }

  /** Closes a review; every 9.3.2 input must have been discussed (422 listing those that were not). */
  async close(me: Principal, id: string, lang: Language): Promise<ReviewView> {
    return this.db.transaction(async (m) => {
      await lockRow(m, ManagementReview, id);
      const review = await this.find(m, me, id);
      this.requireDraft(review);
      const missing = missingInputs(review.inputs);
      if (missing.length > 0) throw new ReviewInputsNotDiscussed(missing);
      const before = audited(review);
      review.state = 'closed';
      review.closedAt = this.clock.now();
      review.closedById = me.id;
      const { unit: _unit, ...row } = review;
      await m.getRepository(ManagementReview).save(row);
      await recordAudit(m, {
        actorId: me.id,
        action: 'management_review.close',
        entity: 'management_review',
        entityId: review.id,
        organisationId: review.unit.organisationId,
        unitId: review.unitId,
        changes: fieldChanges(before, audited(review)),
      });
      await this.readiness.unitsChanged(m, review.unitId);
      return this.get(me, id, lang, m);
    });
  }

  /** Open actions of the unit's reviews, soonest due first, overdue flagged (the unit page). */
  async openActions(me: Principal, unitId: string): Promise<DecisionView[]> {
    await this.scope.requireUnit(me, unitId);
    const rows = await this.db
      .getRepository(ReviewDecision)
      .find({ where: { unitId, actionStatus: 'open' }, order: { dueOn: 'ASC', id: 'ASC' } });
    const today = this.today();
    return rows.map((d) => decisionView(d, today));
  }

  /**
   * For each unit of the organisation the caller may see (by unit id): its newest review and its
   * open and overdue review actions. Two queries whatever the number of units (the management summary).
   */
  async organisationOverview(
    me: Principal,
    organisationId: string,
  ): Promise<Map<string, { last: ReviewSummaryView | null; open: number; overdue: number }>> {
    const reviews = await this.scope
      .restrict(
        this.db
          .getRepository(ManagementReview)
          .createQueryBuilder('r')
          .innerJoin('r.unit', 'unit')
          .where('unit.organisationId = :organisationId', { organisationId }),
        'r.unitId',
        me,
      )
      .orderBy('r.heldOn', 'DESC')
      .addOrderBy('r.createdAt', 'DESC')
      .getMany();
    const actions = await this.scope
      .restrict(
        this.db
          .getRepository(ReviewDecision)
          .createQueryBuilder('d')
          .innerJoin(Unit, 'unit', 'unit.id = d.unitId')
          .where('unit.organisationId = :organisationId', { organisationId })
          .andWhere("d.actionStatus = 'open'"),
        'd.unitId',
        me,
      )
      .getMany();
    const out = new Map<
      string,
      { last: ReviewSummaryView | null; open: number; overdue: number }
    >();
    const entry = (unitId: string) => {
      let e = out.get(unitId);
      if (!e) out.set(unitId, (e = { last: null, open: 0, overdue: 0 }));
      return e;
    };
    for (const r of reviews) entry(r.unitId).last ??= reviewSummary(r);
    const today = this.today();
    for (const d of actions) {
      const e = entry(d.unitId);
      e.open += 1;
      if (decisionView(d, today).overdue) e.overdue += 1;
    }
    return out;
  }

  /** The unit's newest review in full (decisions included), or null (the gap report). */
  async latest(me: Principal, unitId: string, lang: Language): Promise<ReviewView | null> {
    const [last] = await this.list(me, unitId);
    return last ? this.get(me, last.id, lang) : null;
  }

  /** One decision of a review the caller may see (404 otherwise). */
  async decision(me: Principal, id: string): Promise<DecisionView> {
    return decisionView(await this.findDecision(this.db.manager, me, id), this.today());
  }

  private async findDecision(m: EntityManager, me: Principal, id: string): Promise<ReviewDecision> {
    const d = await this.scope
      .restrict(
        m.getRepository(ReviewDecision).createQueryBuilder('d').where('d.id = :id', { id }),
        'd.unitId',
        me,
      )
      .getOne();
    if (!d) throw new NotFound('review_decision', id);
    return d;
  }

  async completeAction(me: Principal, id: string, dto: CompleteActionDto): Promise<DecisionView> {
    return this.db.transaction(async (m) => {
      await lockRow(m, ReviewDecision, id);
      const d = await this.findDecision(m, me, id);
      if (d.actionStatus !== 'open')
        throw new ReviewError('review_action_not_open', {}, { actionStatus: d.actionStatus });
      const unit = await m.getRepository(Unit).findOneByOrFail({ id: d.unitId });
      d.actionStatus = 'done';
      d.completedAt = this.clock.now();
      d.completionNote = dto.note?.trim() || null;
      await m.getRepository(ReviewDecision).save(d);
      await recordAudit(m, {
        actorId: me.id,
        action: 'review_decision.complete',
        entity: 'review_decision',
        entityId: d.id,
        organisationId: unit.organisationId,
        unitId: d.unitId,
        changes: {
          actionStatus: { before: 'open', after: 'done' },
          completionNote: { before: null, after: d.completionNote },
        },
      });
      return decisionView(d, this.today());
    });
  }

  private async find(m: EntityManager, me: Principal, id: string): Promise<ReviewRecord> {
    const review = await this.scope
      .restrict(
        m
          .getRepository(ManagementReview)
          .createQueryBuilder('r')
          .innerJoinAndSelect('r.unit', 'unit')
          .where('r.id = :id', { id }),
        'r.unitId',
        me,
      )
      .getOne();
    if (!review) throw new NotFound('management_review', id);
    return review as ReviewRecord;
  }

  private requireDraft(review: ManagementReview): void {
    if (review.state !== 'draft') throw new ReviewError('management_review_closed');
  }

  /** A review is recorded on or after the day it was held, never ahead of it. */
  private requireNotFuture(heldOn: string): void {
    if (heldOn > this.today())
      throw new ValidationFailed([{ field: 'heldOn', rule: 'notInFuture' }]);
  }

  /** Every linked record must exist in the review's unit: a 400 naming the input otherwise. */
  private async checkLinks(
    m: EntityManager,
    unitId: string,
    inputs: readonly ReviewInputDto[],
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    for (const input of inputs) {
      const links: RecordLink[] = input.links ?? [];
      const unknown: string[] = [];
      for (const kind of new Set(links.map((l) => l.kind))) {
        const ids = [
          ...new Set(links.filter((l) => l.kind === kind).map((l) => l.id.toLowerCase())),
        ];
        const [sql, params] = m.connection.driver.escapeQueryWithParameters(LINK_UNIT_SQL[kind], {
          unitId,
          ids,
        });
        const found = new Set(
          (await m.query<{ id: string }[]>(sql, params)).map((r) => String(r.id).toLowerCase()),
        );
        unknown.push(...ids.filter((i) => !found.has(i)));
      }
      if (unknown.length > 0)
        problems.push({
          field: `inputs.${input.code}.links`,
          rule: 'linkNotInUnit',
          values: unknown,
        });
    }
    if (problems.length > 0) throw new ValidationFailed(problems);
  }
}
