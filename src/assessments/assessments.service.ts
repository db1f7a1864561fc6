import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { fieldChanges, recordAudit } from '../audit-log/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { User } from '../auth/user.entity.js';
import { NotFound, ValidationFailed } from '../common/domain-error.js';
import { AssessmentError } from './assessment-errors.js';
import { Finding } from '../findings/finding.entity.js';
import { FINDING_GRADES, type FindingGrade } from '../findings/finding-types.js';
import { Unit } from '../organisations/unit.entity.js';
import { DEFAULT_STANDARD_CODE } from '../standards/standard-rules.js';
import { ReadinessKeeper } from '../common/readiness-keeper.js';
import { Clause } from '../standards/clause.entity.js';
import { Standard } from '../standards/standard.entity.js';
import {
  currentAssessmentId,
  findVisibleAssessment,
  requireNotReported,
  type AssessmentRecord,
} from './assessment-access.js';
import type { AssessmentState } from './assessment-types.js';
import {
  clauseRatingView,
  ratingCounts,
  summaryView,
  type AssessmentDetailView,
  type AssessmentSummaryView,
  type AssessorView,
} from './assessment-views.js';
import { Assessment } from './assessment.entity.js';
import type { CreateAssessmentDto, UpdateAssessmentDto } from './assessments.dto.js';
import { ClauseAssessment } from './clause-assessment.entity.js';
import { defaultCycleTeam } from '../auth/principal-rules.js';

/** Manual state changes: a cycle is started by hand; `reported` comes from issuing a report. */
const MANUAL_STATE_STEPS: Partial<Record<AssessmentState, AssessmentState[]>> = {
  draft: ['in_progress'],
};

/** The audited fields of an assessment. */
const audited = (a: Assessment, assessorIds: string[]): Record<string, unknown> => ({
  type: a.type,
  title: a.title,
  scope: a.scope,
  startsOn: a.startsOn,
  endsOn: a.endsOn,
  state: a.state,
  previousAssessmentId: a.previousAssessmentId,
  assessorIds: [...assessorIds].sort(),
});

@Injectable()
export class AssessmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly readiness: ReadinessKeeper,
  ) {}

  /** The unit's cycles, most recent first (the first one is the current one). */
  async list(me: Principal, unitId: string): Promise<AssessmentSummaryView[]> {
    await this.scope.requireUnit(me, unitId);
    const rows = (await this.db
      .getRepository(Assessment)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.unit', 'unit')
      .innerJoinAndSelect('a.standard', 'standard')
      .leftJoinAndSelect('a.assessors', 'assessor')
      .where('a.unitId = :unitId', { unitId })
      .orderBy('a.startsOn', 'DESC')
      .addOrderBy('a.createdAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .getMany()) as AssessmentRecord[];
    return rows.map((a, i) => summaryView(a, i === 0));
  }

  /**
   * Every cycle of every unit the caller sees, in one query (the scope is in the SQL), newest first;
   * `current` marks each unit's most recent cycle as `list` does.
   */
  async listVisible(me: Principal): Promise<(AssessmentSummaryView & { unitName: string })[]> {
    const rows = (await this.scope
      .restrict(
        this.db
          .getRepository(Assessment)
          .createQueryBuilder('a')
          .innerJoinAndSelect('a.unit', 'unit')
          .innerJoinAndSelect('a.standard', 'standard')
          .leftJoinAndSelect('a.assessors', 'assessor'),
        'a.unitId',
        me,
      )
      .orderBy('a.startsOn', 'DESC')
      .addOrderBy('a.createdAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .getMany()) as AssessmentRecord[];
    const seen = new Set<string>();
    return rows.map((a) => {
      const current = !seen.has(a.unitId);
      seen.add(a.unitId);
      return { ...summaryView(a, current), unitName: a.unit.name };
    });
  }

  async detail(
    me: Principal,
    id: string,
    m: EntityManager = this.db.manager,
  ): Promise<AssessmentDetailView> {
    return this.view(m, await findVisibleAssessment(m, this.scope, me, id));
  }

  /**
   * A cycle started on the page, where "start from the current cycle's ratings" copies the unit's
   * latest cycle (the first of `list`), when it has one.
   */
  async createCopyingLatest(
    me: Principal,
    unitId: string,
    dto: CreateAssessmentDto,
    copyLatest: boolean,
  ): Promise<AssessmentDetailView> {
    const latest = copyLatest && unitId ? (await this.list(me, unitId))[0]?.id : undefined;
    return this.create(me, unitId, latest ? { ...dto, previousAssessmentId: latest } : dto);
  }

  async create(
    me: Principal,
    unitId: string,
    dto: CreateAssessmentDto,
  ): Promise<AssessmentDetailView> {
    return this.db.transaction((m) => this.createIn(m, me, unitId, dto));
  }

  /**
   * Creates a cycle within the caller's transaction (another module's write that starts a cycle,
   * e.g. an audit programme entry, commits or rolls back with it); audited, readiness updated.
   */
  async createIn(
    m: EntityManager,
    me: Principal,
    unitId: string,
    dto: CreateAssessmentDto,
  ): Promise<AssessmentDetailView> {
    await this.scope.requireUnit(me, unitId, 'unit', unitId, m);
    const unit = await m.getRepository(Unit).findOneBy({ id: unitId, withdrawnAt: IsNull() });
    if (!unit) throw new NotFound('unit', unitId);
    const code = dto.standard ?? DEFAULT_STANDARD_CODE;
    const standard = await m.getRepository(Standard).findOneBy({ code });
    if (!standard)
      throw new ValidationFailed([{ field: 'standard', rule: 'unknownStandard', values: [code] }]);
    if (dto.endsOn && dto.endsOn < dto.startsOn)
      throw new ValidationFailed([{ field: 'endsOn', rule: 'notBeforeStart' }]);

    const previous = dto.previousAssessmentId
      ? await this.previousCycle(m, me, dto.previousAssessmentId, unitId, standard.id)
      : null;
    const assessors = await this.assessors(m, dto.assessorIds ?? defaultCycleTeam(me), unit);
    const repo = m.getRepository(Assessment);
    const assessment = await repo.save(
      repo.create({
        unitId,
        standardId: standard.id,
        type: dto.type,
        title: dto.title.trim(),
        scope: dto.scope?.trim() || null,
        startsOn: dto.startsOn,
        endsOn: dto.endsOn ?? null,
        state: 'draft',
        previousAssessmentId: previous?.id ?? null,
        assessors,
        createdById: me.id,
      }),
    );

    // One row per leaf clause, copied from the previous cycle where it rated that clause.
    const leaves = await m.getRepository(Clause).findBy({ standardId: standard.id, isLeaf: true });
    const copied = new Map(
      previous
        ? (await m.getRepository(ClauseAssessment).findBy({ assessmentId: previous.id })).map(
            (r) => [r.clauseId, r],
          )
        : [],
    );
    const rows = leaves.map((c) => {
      const from = copied.get(c.id);
      return {
        assessmentId: assessment.id,
        clauseId: c.id,
        applicable: from?.applicable ?? true,
        justification: from?.justification ?? null,
        rating: from?.rating ?? 'not_assessed',
        note: from?.note ?? null,
        updatedById: me.id,
      };
    });
    for (let i = 0; i < rows.length; i += 100)
      await m.getRepository(ClauseAssessment).insert(rows.slice(i, i + 100));

    await recordAudit(m, {
      actorId: me.id,
      action: 'assessment.create',
      entity: 'assessment',
      entityId: assessment.id,
      organisationId: unit.organisationId,
      unitId,
      changes: fieldChanges(null, {
        ...audited(
          assessment,
          assessors.map((a) => a.id),
        ),
        standard: standard.code,
        copiedRatings: previous ? copied.size : 0,
      }),
    });
    // A newer cycle becomes the current one: the unit's readiness now reads its ratings.
    await this.readiness.unitsChanged(m, unitId);
    return this.detail(me, assessment.id, m);
  }

  async update(me: Principal, id: string, dto: UpdateAssessmentDto): Promise<AssessmentDetailView> {
    return this.db.transaction(async (m) => {
      const a = await findVisibleAssessment(m, this.scope, me, id);
      const before = audited(
        a,
        a.assessors.map((u) => u.id),
      );
      if (dto.state !== undefined && dto.state !== a.state) {
        const allowed = MANUAL_STATE_STEPS[a.state] ?? [];
        if (!allowed.includes(dto.state))
          throw new AssessmentError(
            'assessment_state_not_allowed',
            {},
            {
              from: a.state,
              to: dto.state,
              allowed,
            },
          );
      }
      if (Object.values(dto).some((v) => v !== undefined)) requireNotReported(a);
      if (dto.state !== undefined) a.state = dto.state;
      if (dto.title !== undefined) a.title = dto.title.trim();
      if (dto.scope !== undefined) a.scope = dto.scope?.trim() || null;
      if (dto.endsOn !== undefined) {
        if (dto.endsOn !== null && dto.endsOn < a.startsOn)
          throw new ValidationFailed([{ field: 'endsOn', rule: 'notBeforeStart' }]);
        a.endsOn = dto.endsOn;
      }
      if (dto.assessorIds !== undefined)
        a.assessors = await this.assessors(m, dto.assessorIds, a.unit);
      const changes = fieldChanges(
        before,
        audited(
          a,
          a.assessors.map((u) => u.id),
        ),
      );
      if (Object.keys(changes).length > 0) {
        await m.getRepository(Assessment).save(a);
        await recordAudit(m, {
          actorId: me.id,
          action: 'assessment.update',
          entity: 'assessment',
          entityId: a.id,
          organisationId: a.unit.organisationId,
          unitId: a.unitId,
          changes,
        });
      }
      return this.detail(me, a.id, m);
    });
  }

  /** An earlier cycle to copy from: same unit, same standard, visible to the caller. */
  private async previousCycle(
    m: EntityManager,
    me: Principal,
    id: string,
    unitId: string,
    standardId: string,
  ): Promise<Assessment> {
    const previous = await findVisibleAssessment(m, this.scope, me, id).catch((e: unknown) => {
      if (e instanceof NotFound) return null;
      throw e;
    });
    if (!previous || previous.unitId !== unitId || previous.standardId !== standardId)
      throw new AssessmentError('previous_assessment_invalid', {}, [
        { field: 'previousAssessmentId', rule: 'sameUnitAndStandard' },
      ]);
    return previous;
  }

  /**
   * Assessors who may be assigned to cycles of the caller's organisation: active, of that
   * organisation or of none (BSN's own), by name — the choices of the cycle form.
   */
  async assignableAssessors(me: Principal): Promise<AssessorView[]> {
    const q = this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.role = :role AND u.active = :active', { role: 'assessor', active: true });
    if (me.organisationId)
      q.andWhere('(u.organisationId IS NULL OR u.organisationId = :org)', {
        org: me.organisationId,
      });
    const users = await q.orderBy('u.displayName').getMany();
    return users.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName }));
  }

  /** Active assessors of the unit's organisation (or of none, e.g. BSN's own), in the order given. */
  private async assessors(m: EntityManager, ids: string[], unit: Unit): Promise<User[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const users = await m.getRepository(User).findBy({
      id: In(unique),
      role: 'assessor',
      active: true,
    });
    const fits = (u: User) => u.organisationId === null || u.organisationId === unit.organisationId;
    const unknown = unique.filter((id) => !users.some((u) => u.id === id && fits(u)));
    if (unknown.length > 0)
      throw new ValidationFailed([
        { field: 'assessorIds', rule: 'unknownAssessors', values: unknown },
      ]);
    return unique.map((id) => users.find((u) => u.id === id)!);
  }

  private async view(m: EntityManager, a: AssessmentRecord): Promise<AssessmentDetailView> {
    const rows = (await m
      .getRepository(ClauseAssessment)
      .createQueryBuilder('ca')
      .innerJoinAndSelect('ca.clause', 'clause')
      .where('ca.assessmentId = :id', { id: a.id })
      .orderBy('clause.sortKey')
      .getMany()) as (ClauseAssessment & { clause: Clause })[];
    const grades = await m
      .getRepository(Finding)
      .createQueryBuilder('f')
      .select('f.grade', 'grade')
      .addSelect('COUNT(*)', 'n')
      .where('f.assessmentId = :id', { id: a.id })
      .groupBy('f.grade')
      .getRawMany<{ grade: FindingGrade; n: string | number }>();
    const findings = Object.fromEntries(
      FINDING_GRADES.map((g) => [g, Number(grades.find((x) => x.grade === g)?.n ?? 0)]),
    ) as Record<FindingGrade, number>;
    const current = await currentAssessmentId(m, a.unitId);
    const clauses = rows.map(clauseRatingView);
    return {
      ...summaryView(a, current === a.id),
      unit: { id: a.unit.id, code: a.unit.code, name: a.unit.name },
      standardTitle: { id: a.standard.titleId, en: a.standard.titleEn },
      scope: a.scope,
      summary: ratingCounts(clauses, findings),
      clauses,
    };
  }
}
