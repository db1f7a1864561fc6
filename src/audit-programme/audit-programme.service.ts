import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, QueryFailedError, type EntityManager } from 'typeorm';
import { AssessmentsService } from '../assessments/assessments.service.js';
import { fieldChanges, recordAudit } from '../audit-log/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { User } from '../auth/user.entity.js';
import { Clock } from '../common/clock.js';
import { todayInZone } from '../common/dates.js';
import { NotFound, ValidationFailed, type FieldProblem } from '../common/domain-error.js';
import { AuditProgrammeError } from './audit-programme-errors.js';
import { lockRow } from '../database/row-lock.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Unit } from '../organisations/unit.entity.js';
import { AuditProgramme, AuditProgrammeEntry } from './audit-programme.entity.js';
import { entryAssigneeSql } from './programme-sql.js';
import type {
  CreateEntryDto,
  CreateProgrammeDto,
  IndependenceExceptionDto,
  UpdateEntryDto,
} from './audit-programme.dto.js';
import {
  AUDIT_WORK_ACTIONS,
  AUDIT_WORK_ENTITIES,
  canStep,
  independenceConflicts,
  plannedDateProblems,
  type AuditorFacts,
  type IndependenceException,
} from './programme-rules.js';
import {
  entryView,
  programmeSummary,
  programmeView,
  type AuditorView,
  type EntryRecord,
  type EntryView,
  type ProgrammeSummaryView,
  type ProgrammeView,
} from './programme-views.js';

/** Roles whose users may audit: BSN or city assessors, and trained officers of other units. */
const AUDITOR_ROLES = ['assessor', 'quality_officer'] as const;
const YEAR_MS = 365 * 24 * 3600 * 1000;

const isUniqueViolation = (error: unknown): boolean => {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

/** The audited fields of an entry. */
const audited = (e: AuditProgrammeEntry): Record<string, unknown> => ({
  unitId: e.unitId,
  scopeClauses: e.scopeClauses,
  scopeProcesses: e.scopeProcesses,
  plannedStartOn: e.plannedStartOn,
  plannedEndOn: e.plannedEndOn,
  leadAuditorId: e.leadAuditorId,
  teamIds: e.teamIds,
  criteria: e.criteria,
  method: e.method,
  status: e.status,
  postponedReason: e.postponedReason,
  independenceExceptions: e.independenceExceptions,
  assessmentId: e.assessmentId,
});

@Injectable()
export class AuditProgrammeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly assessments: AssessmentsService,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return todayInZone(this.clock.now());
  }

  async list(me: Principal, organisationId: string): Promise<ProgrammeSummaryView[]> {
    await this.requireOrganisation(this.db.manager, me, organisationId);
    const rows = await this.db
      .getRepository(AuditProgramme)
      .find({ where: { organisationId }, order: { year: 'DESC' } });
    return rows.map(programmeSummary);
  }

  async create(
    me: Principal,
    organisationId: string,
    dto: CreateProgrammeDto,
  ): Promise<ProgrammeView> {
    return this.db.transaction(async (m) => {
      await this.requireOrganisation(m, me, organisationId);
      const repo = m.getRepository(AuditProgramme);
      if (await repo.existsBy({ organisationId, year: dto.year }))
        throw new AuditProgrammeError('audit_programme_exists', { year: dto.year });
      let programme: AuditProgramme;
      try {
        programme = await repo.save(
          repo.create({
            organisationId,
            year: dto.year,
            title: dto.title?.trim() || `Program Audit Internal ${dto.year}`,
            createdById: me.id,
          }),
        );
      } catch (error) {
        if (isUniqueViolation(error))
          throw new AuditProgrammeError('audit_programme_exists', { year: dto.year });
        throw error;
      }
      await recordAudit(m, {
        actorId: me.id,
        action: 'audit_programme.create',
        entity: 'audit_programme',
        entityId: programme.id,
        organisationId,
        changes: fieldChanges(null, { year: programme.year, title: programme.title }),
      });
      return programmeView(programme, []);
    });
  }

  /**
   * A programme with the entries of the units the caller sees, and those they are assigned to as
   * auditors (the scope is in the query). An auditor from outside sees their entry, not the unit.
   */
  async get(me: Principal, id: string, m: EntityManager = this.db.manager): Promise<ProgrammeView> {
    const programme = await this.findProgramme(m, me, id);
    const entries = await this.visibleEntries(m, me)
      .andWhere('e.programmeId = :id', { id })
      .orderBy('e.plannedStartOn')
      .addOrderBy('unit.code')
      .addOrderBy('e.id')
      .getMany();
    return programmeView(programme, await this.views(m, entries as EntryRecord[], programme.year));
  }

  /** The unit's entries of every programme, newest year and latest start first (the gap report). */
  async unitEntries(me: Principal, unitId: string): Promise<EntryView[]> {
    await this.scope.requireUnit(me, unitId);
    const rows = await this.entryQuery(this.db.manager)
      .innerJoinAndSelect('e.programme', 'programme')
      .where('e.unitId = :unitId', { unitId })
      .orderBy('programme.year', 'DESC')
      .addOrderBy('e.plannedStartOn', 'DESC')
      .addOrderBy('e.id')
      .getMany();
    const entries = rows as (EntryRecord & { programme: AuditProgramme })[];
    const views: EntryView[] = [];
    for (const year of [...new Set(entries.map((e) => e.programme.year))])
      views.push(
        ...(await this.views(
          this.db.manager,
          entries.filter((e) => e.programme.year === year),
          year,
        )),
      );
    return views;
  }

  /** One planned audit: of a unit the caller sees, or one they are assigned to. */
  async entry(me: Principal, id: string, m: EntityManager = this.db.manager): Promise<EntryView> {
    const e = (await this.visibleEntries(m, me).andWhere('e.id = :id', { id }).getOne()) as
      EntryRecord | undefined;
    if (!e) throw new NotFound('audit_programme_entry', id);
    const programme = await m.getRepository(AuditProgramme).findOneByOrFail({ id: e.programmeId });
    const [view] = await this.views(m, [e], programme.year);
    return view;
  }

  async addEntry(me: Principal, programmeId: string, dto: CreateEntryDto): Promise<EntryView> {
    return this.db.transaction(async (m) => {
      const programme = await this.findProgramme(m, me, programmeId);
      await this.scope.requireUnit(me, dto.unitId, 'unit', dto.unitId, m);
      const unit = await m.getRepository(Unit).findOneBy({
        id: dto.unitId,
        organisationId: programme.organisationId,
        withdrawnAt: IsNull(),
      });
      if (!unit) throw new NotFound('unit', dto.unitId);
      const dates = plannedDateProblems(dto.plannedStartOn, dto.plannedEndOn, programme.year);
      if (dates.length > 0) throw new ValidationFailed(dates);
      const teamIds = this.team(dto.leadAuditorId, dto.teamIds ?? []);
      const exceptions = this.exceptions(me, [], dto.independenceExceptions ?? []);
      await this.checkAuditors(m, unit, dto.leadAuditorId, teamIds, exceptions);
      const repo = m.getRepository(AuditProgrammeEntry);
      const entry = await repo.save(
        repo.create({
          programmeId,
          unitId: unit.id,
          scopeClauses: [...new Set(dto.scopeClauses ?? [])],
          scopeProcesses: dto.scopeProcesses?.trim() || null,
          plannedStartOn: dto.plannedStartOn,
          plannedEndOn: dto.plannedEndOn,
          leadAuditorId: dto.leadAuditorId,
          teamIds,
          criteria: dto.criteria.trim(),
          method: dto.method ?? 'on_site',
          status: 'planned',
          postponedReason: null,
          independenceExceptions: exceptions,
          assessmentId: null,
          createdById: me.id,
        }),
      );
      await recordAudit(m, {
        actorId: me.id,
        action: 'audit_programme_entry.create',
        entity: 'audit_programme_entry',
        entityId: entry.id,
        organisationId: unit.organisationId,
        unitId: unit.id,
        changes: fieldChanges(null, audited(entry)),
      });
      return this.entry(me, entry.id, m);
    });
  }

  async updateEntry(me: Principal, id: string, dto: UpdateEntryDto): Promise<EntryView> {
    return this.db.transaction(async (m) => {
      await lockRow(m, AuditProgrammeEntry, id);
      const e = await this.findEntry(m, me, id);
      const programme = await m
        .getRepository(AuditProgramme)
        .findOneByOrFail({ id: e.programmeId });
      const before = audited(e);
      const started = e.assessmentId !== null;
      if (dto.status !== undefined && dto.status !== e.status && !canStep(e.status, dto.status))
        throw new AuditProgrammeError('audit_entry_status_not_allowed', {
          from: e.status,
          to: dto.status,
        });
      const planning = ['plannedStartOn', 'plannedEndOn', 'leadAuditorId', 'teamIds'] as const;
      if (started && planning.some((k) => dto[k] !== undefined))
        throw new AuditProgrammeError('audit_entry_started');
      if (dto.plannedStartOn !== undefined) e.plannedStartOn = dto.plannedStartOn;
      if (dto.plannedEndOn !== undefined) e.plannedEndOn = dto.plannedEndOn;
      const dates = plannedDateProblems(e.plannedStartOn, e.plannedEndOn, programme.year);
      if (dates.length > 0) throw new ValidationFailed(dates);
      if (dto.scopeClauses !== undefined) e.scopeClauses = [...new Set(dto.scopeClauses)];
      if (dto.scopeProcesses !== undefined) e.scopeProcesses = dto.scopeProcesses?.trim() || null;
      if (dto.criteria !== undefined) e.criteria = dto.criteria.trim();
      if (dto.method !== undefined) e.method = dto.method;
      if (dto.status !== undefined && dto.status !== e.status) {
        if (dto.status === 'postponed' && !dto.postponedReason?.trim())
          throw new ValidationFailed([{ field: 'postponedReason', rule: 'requiredToPostpone' }]);
        e.status = dto.status;
      }
      if (e.status === 'postponed' && dto.postponedReason?.trim())
        e.postponedReason = dto.postponedReason.trim();
      if (e.status === 'planned') e.postponedReason = null;
      if (dto.leadAuditorId !== undefined) e.leadAuditorId = dto.leadAuditorId;
      if (dto.teamIds !== undefined || dto.leadAuditorId !== undefined)
        e.teamIds = this.team(e.leadAuditorId, dto.teamIds ?? e.teamIds);
      if (dto.independenceExceptions !== undefined)
        e.independenceExceptions = this.exceptions(
          me,
          e.independenceExceptions,
          dto.independenceExceptions,
        );
      if (
        dto.leadAuditorId !== undefined ||
        dto.teamIds !== undefined ||
        dto.independenceExceptions !== undefined
      )
        await this.checkAuditors(m, e.unit, e.leadAuditorId, e.teamIds, e.independenceExceptions);
      const changes = fieldChanges(before, audited(e));
      if (Object.keys(changes).length > 0) {
        const { unit: _unit, assessment: _assessment, ...row } = e;
        await m.getRepository(AuditProgrammeEntry).save(row);
        await recordAudit(m, {
          actorId: me.id,
          action: 'audit_programme_entry.update',
          entity: 'audit_programme_entry',
          entityId: e.id,
          organisationId: programme.organisationId,
          unitId: e.unitId,
          changes,
        });
      }
      return this.entry(me, e.id, m);
    });
  }

  /**
   * Starts a planned audit: an `internal_audit` assessment of the unit over the entry's dates and
   * scope, with the team's assessors assigned, linked to the entry; all in one transaction.
   */
  async start(me: Principal, id: string): Promise<EntryView> {
    return this.db.transaction(async (m) => {
      await lockRow(m, AuditProgrammeEntry, id);
      const e = await this.findEntry(m, me, id);
      if (e.assessmentId !== null || e.status !== 'planned')
        throw new AuditProgrammeError('audit_entry_not_startable', { status: e.status });
      const programme = await m
        .getRepository(AuditProgramme)
        .findOneByOrFail({ id: e.programmeId });
      // Independence is checked again: the team may have done the unit's work since it was planned.
      await this.checkAuditors(m, e.unit, e.leadAuditorId, e.teamIds, e.independenceExceptions);
      const auditors = [e.leadAuditorId, ...e.teamIds];
      const assessors = await m
        .getRepository(User)
        .findBy({ id: In(auditors), role: 'assessor', active: true });
      const scope = [
        e.scopeClauses.length > 0 ? `Klausul ${e.scopeClauses.join(', ')}` : null,
        e.scopeProcesses,
      ]
        .filter(Boolean)
        .join(' — ');
      const assessment = await this.assessments.createIn(m, me, e.unitId, {
        type: 'internal_audit',
        title: `Audit internal ${programme.year} — ${e.unit.name}`.slice(0, 300),
        startsOn: e.plannedStartOn,
        endsOn: e.plannedEndOn,
        scope: scope.slice(0, 4000) || null,
        assessorIds: auditors.filter((u) => assessors.some((a) => a.id === u)),
      });
      const before = audited(e);
      e.assessmentId = assessment.id;
      e.status = 'in_progress';
      await m
        .getRepository(AuditProgrammeEntry)
        .update({ id: e.id }, { assessmentId: assessment.id, status: 'in_progress' });
      await recordAudit(m, {
        actorId: me.id,
        action: 'audit_programme_entry.start',
        entity: 'audit_programme_entry',
        entityId: e.id,
        organisationId: programme.organisationId,
        unitId: e.unitId,
        changes: fieldChanges(before, audited(e)),
      });
      return this.entry(me, e.id, m);
    });
  }

  /** Active users who may audit, of the unit's organisation or of none; users by id. */
  async auditors(me: Principal): Promise<AuditorView[]> {
    const q = this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.role IN (:...roles) AND u.active = :active', {
        roles: AUDITOR_ROLES,
        active: true,
      });
    if (me.organisationId)
      q.andWhere('(u.organisationId IS NULL OR u.organisationId = :org)', {
        org: me.organisationId,
      });
    const users = await q.orderBy('u.displayName').getMany();
    return users.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName }));
  }

  private async requireOrganisation(
    m: EntityManager,
    me: Principal,
    organisationId: string,
  ): Promise<void> {
    const visible = this.scope.visibleOrganisationIds(me);
    const ok =
      (visible === 'all' || visible.includes(organisationId)) &&
      (await m.getRepository(Organisation).existsBy({ id: organisationId }));
    if (!ok) throw new NotFound('organisation', organisationId);
  }

  /** A programme of an organisation the caller sees, or one with an entry they are assigned to. */
  private async findProgramme(
    m: EntityManager,
    me: Principal,
    id: string,
  ): Promise<AuditProgramme> {
    const visible = this.scope.visibleOrganisationIds(me);
    const repo = m.getRepository(AuditProgramme);
    const programme =
      visible === 'all'
        ? await repo.findOneBy({ id })
        : ((visible.length > 0
            ? await repo.findOneBy({ id, organisationId: In(visible) })
            : null) ??
          (await repo
            .createQueryBuilder('p')
            .where('p.id = :id', { id })
            .andWhere(
              `EXISTS (SELECT 1 FROM audit_programme_entry e WHERE e.programme_id = p.id AND ${entryAssigneeSql('e', ':me')})`,
              { me: me.id },
            )
            .getOne()));
    if (!programme) throw new NotFound('audit_programme', id);
    return programme;
  }

  /** Entries of the units the caller sees, or that they are assigned to (lead or team): reads only. */
  private visibleEntries(m: EntityManager, me: Principal) {
    const unit = this.scope.predicate(me, 'e.unit_id');
    return this.entryQuery(m).where(`(${unit.sql} OR ${entryAssigneeSql('e', ':assignee')})`, {
      ...unit.params,
      assignee: me.id,
    });
  }

  private entryQuery(m: EntityManager) {
    return m
      .getRepository(AuditProgrammeEntry)
      .createQueryBuilder('e')
      .innerJoinAndSelect('e.unit', 'unit')
      .leftJoin('e.assessment', 'assessment')
      .addSelect(['assessment.id', 'assessment.state']);
  }

  private async findEntry(m: EntityManager, me: Principal, id: string): Promise<EntryRecord> {
    const e = await this.scope
      .restrict(this.entryQuery(m).where('e.id = :id', { id }), 'e.unitId', me)
      .getOne();
    if (!e) throw new NotFound('audit_programme_entry', id);
    return e as EntryRecord;
  }

  private async views(
    m: EntityManager,
    entries: EntryRecord[],
    year: number,
  ): Promise<EntryView[]> {
    const ids = [...new Set(entries.flatMap((e) => [e.leadAuditorId, ...e.teamIds]))];
    const users = ids.length === 0 ? [] : await m.getRepository(User).findBy({ id: In(ids) });
    const people = new Map(
      users.map((u) => [u.id, { id: u.id, username: u.username, displayName: u.displayName }]),
    );
    const today = this.today();
    return entries.map((e) => entryView(e, year, people, today));
  }

  /** The team without the lead and without repeats, in the order given. */
  private team(leadId: string, teamIds: readonly string[]): string[] {
    return [...new Set(teamIds)].filter((id) => id !== leadId);
  }

  /** Exceptions as sent, keeping who recorded an unchanged one and when. */
  private exceptions(
    me: Principal,
    current: readonly IndependenceException[],
    sent: readonly IndependenceExceptionDto[],
  ): IndependenceException[] {
    const byUser = new Map<string, IndependenceException>();
    for (const x of sent) {
      const justification = x.justification.trim();
      const kept = current.find((c) => c.userId === x.userId && c.justification === justification);
      byUser.set(
        x.userId,
        kept ?? {
          userId: x.userId,
          justification,
          recordedById: me.id,
          recordedAt: this.clock.now().toISOString(),
        },
      );
    }
    return [...byUser.values()];
  }

  /**
   * The lead and the team must be active auditors of the unit's organisation (or of none), and
   * independent of the unit (programme-rules.ts) unless an exception is recorded for them.
   */
  private async checkAuditors(
    m: EntityManager,
    unit: Pick<Unit, 'id' | 'organisationId'>,
    leadId: string,
    teamIds: readonly string[],
    exceptions: readonly IndependenceException[],
  ): Promise<void> {
    const ids = [leadId, ...teamIds];
    const users = await m
      .getRepository(User)
      .findBy({ id: In(ids), role: In([...AUDITOR_ROLES]), active: true });
    const fits = (u: User) => u.organisationId === null || u.organisationId === unit.organisationId;
    const known = new Map(users.filter(fits).map((u) => [u.id, u]));
    const problems: FieldProblem[] = [];
    if (!known.has(leadId)) problems.push({ field: 'leadAuditorId', rule: 'unknownAuditor' });
    const unknownTeam = teamIds.filter((id) => !known.has(id));
    if (unknownTeam.length > 0)
      problems.push({ field: 'teamIds', rule: 'unknownAuditors', values: unknownTeam });
    const strangers = exceptions.filter((x) => !ids.includes(x.userId)).map((x) => x.userId);
    if (strangers.length > 0)
      problems.push({ field: 'independenceExceptions', rule: 'notInTeam', values: strangers });
    if (problems.length > 0) throw new ValidationFailed(problems);

    const members = await m
      .createQueryBuilder()
      .select('uu.user_id', 'userId')
      .from('user_unit', 'uu')
      .where('uu.user_id IN (:...ids) AND uu.unit_id = :unitId', { ids, unitId: unit.id })
      .getRawMany<{ userId: string }>();
    const workers = await m
      .createQueryBuilder()
      .select('DISTINCT ae.actor_id', 'userId')
      .from('audit_event', 'ae')
      .where('ae.actor_id IN (:...ids) AND ae.unit_id = :unitId', { ids, unitId: unit.id })
      .andWhere('ae.entity NOT IN (:...auditWork)', { auditWork: AUDIT_WORK_ENTITIES })
      .andWhere('ae.action NOT IN (:...auditActions)', { auditActions: AUDIT_WORK_ACTIONS })
      .andWhere('ae.occurred_at >= :since', {
        since: new Date(this.clock.now().getTime() - YEAR_MS),
      })
      .getRawMany<{ userId: string }>();
    const facts: AuditorFacts[] = ids.map((id) => ({
      userId: id,
      memberOf: members.some((r) => r.userId === id) ? [unit.id] : [],
      workedOn: workers.some((r) => r.userId === id) ? [unit.id] : [],
    }));
    const conflicts = independenceConflicts(facts, unit.id, exceptions);
    if (conflicts.length === 0) return;
    throw new AuditProgrammeError(
      'auditor_not_independent',
      { auditors: conflicts.map((c) => known.get(c.userId)!.displayName).join(', ') },
      conflicts.map((c) => ({
        field: c.userId === leadId ? 'leadAuditorId' : 'teamIds',
        rule: c.reason === 'member_of_unit' ? 'auditorMemberOfUnit' : 'auditorDidUnitWork',
        values: [known.get(c.userId)!.displayName],
        userId: c.userId,
      })),
    );
  }
}
