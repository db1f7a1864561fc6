import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThanOrEqual, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { todayInZone } from '../common/dates.js';
import { NotFound } from '../common/domain-error.js';
import type { Page } from '../common/pagination.js';
import type { Language } from '../i18n/i18n.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Unit } from '../organisations/unit.entity.js';
import { Clock } from '../common/clock.js';
import { ReadinessSnapshot } from './readiness-snapshot.entity.js';
import { snapshotUnits } from './readiness-snapshots.js';
import type {
  HistoryQuery,
  NationalReadinessQuery,
  OrganisationReadinessQuery,
  OrganisationSort,
  SortOrder,
  UnitFilter,
  UnitSort,
} from './readiness.dto.js';
import { currentSql, isCurrent } from './readiness-store.js';
import { UnitReadinessRecord, type StoredReadinessDetail } from './unit-readiness.entity.js';
import {
  toPercent,
  type Blocker,
  type BlockerCode,
  type ClauseSummary,
  type UnitReadiness,
} from './readiness.js';
import { administersOrganisation } from '../auth/principal-rules.js';

export interface BlockerView {
  code: BlockerCode;
  message: string;
  params: Blocker['params'];
}

export interface UnitReadinessView {
  unitId: string;
  code: string;
  name: string;
  /** The assessment whose ratings count (most recent by start date); null before the first. */
  assessmentId: string | null;
  /** The calendar day (WITA) against which validity and due dates were judged. */
  asOf: string;
  score: number | null;
  percent: number | null;
  ready: boolean;
  blockers: BlockerView[];
  groups: ClauseSummary[];
  documentedInformation: UnitReadiness['documentedInformation'];
  overdueActions: number;
  counts: UnitReadiness['counts'];
}

export interface OrganisationUnitView {
  unitId: string;
  code: string;
  name: string;
  assessmentId: string | null;
  score: number | null;
  percent: number | null;
  ready: boolean;
  blockers: BlockerView[];
  groups: { clause: string; score: number | null; percent: number | null }[];
  overdueActions: number;
}

export interface OrganisationReadinessView {
  organisationId: string;
  code: string;
  name: string;
  asOf: string;
  /** Mean over the applicable leaves of all units together. */
  score: number | null;
  percent: number | null;
  /** Mean of the unit scores, each unit weighing the same. */
  meanOfUnits: number | null;
  readyUnits: number;
  unitCount: number;
  /** Corrective actions overdue, and units with at least one, over all the units. */
  overdueActions: number;
  unitsWithOverdueActions: number;
  /** Units that pass the filter (all of them without one). */
  matching: number;
  page: number;
  /** Units per page; null when all are listed. */
  limit: number | null;
  units: OrganisationUnitView[];
}

/** One organisation in the national list. */
export interface OrganisationSummaryView {
  organisationId: string;
  code: string;
  name: string;
  unitCount: number;
  readyUnits: number;
  /** Mean of the unit scores (each unit weighs the same), and as a percentage. */
  meanOfUnits: number | null;
  meanPercent: number | null;
  /** Mean over the applicable leaves of all units together. */
  score: number | null;
  percent: number | null;
  overdueActions: number;
  unitsWithOverdueActions: number;
}

export interface SnapshotView {
  takenAt: Date;
  score: number | null;
  percent: number | null;
  ready: boolean;
  blockerCodes: BlockerCode[];
  groups: { clause: string; score: number | null; percent: number | null }[];
}

const blockerViews = (blockers: Blocker[], lang: Language): BlockerView[] =>
  blockers.map((b) => ({ code: b.code, message: b.message[lang], params: b.params }));

type Row = Record<string, unknown>;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const detailOf = (v: unknown): StoredReadinessDetail =>
  (typeof v === 'string' ? JSON.parse(v) : v) as StoredReadinessDetail;

/** Which units a read covers: the caller's, inside one organisation or across all. */
interface UnitScope {
  organisationId?: string;
  /** Absent: every unit (of the organisation). */
  unitIds?: readonly string[];
}

function scopeWhere(scope: UnitScope): { sql: string; params: Record<string, unknown> } {
  const parts = ['u.withdrawn_at IS NULL'];
  const params: Record<string, unknown> = {};
  if (scope.organisationId) {
    parts.push('u.organisation_id = :organisationId');
    params.organisationId = scope.organisationId;
  }
  if (scope.unitIds) {
    parts.push(scope.unitIds.length > 0 ? 'u.id IN (:...scopeUnitIds)' : '1 = 0');
    params.scopeUnitIds = scope.unitIds;
  }
  return { sql: parts.join(' AND '), params };
}

const FILTER_SQL: Record<UnitFilter, string> = {
  ready: 'r.blocker_count = 0',
  not_ready: 'r.blocker_count > 0',
  overdue: 'r.overdue_actions > 0',
};

function unitOrder(sort: UnitSort, order: SortOrder): string {
  const dir = order === 'desc' ? 'DESC' : 'ASC';
  switch (sort) {
    case 'code':
      return `u.code ${dir}, u.id ${dir}`;
    case 'name':
      return `u.name ${dir}, u.code ${dir}, u.id ${dir}`;
    case 'score':
      return `CASE WHEN r.score IS NULL THEN 1 ELSE 0 END, r.score ${dir}, u.code ${dir}, u.id ${dir}`;
  }
}

function organisationOrder(sort: OrganisationSort, order: SortOrder): string {
  const dir = order === 'desc' ? 'DESC' : 'ASC';
  switch (sort) {
    case 'code':
      return `o.code ${dir}, o.id ${dir}`;
    case 'name':
      return `o.name ${dir}, o.code ${dir}, o.id ${dir}`;
    case 'score':
      return `CASE WHEN AVG(r.score) IS NULL THEN 1 ELSE 0 END, AVG(r.score) ${dir}, o.code ${dir}, o.id ${dir}`;
  }
}

/** Totals over every unit of a scope, in SQL (units, ready, pooled and mean score, overdue). */
const TOTALS_SQL = `COUNT(r.unit_id) AS units,
  SUM(CASE WHEN r.blocker_count = 0 THEN 1 ELSE 0 END) AS ready_units,
  AVG(r.score) AS mean_of_units,
  SUM(r.leaf_score_sum) AS leaf_score_sum,
  SUM(r.applicable_leaves) AS applicable_leaves,
  SUM(r.overdue_actions) AS overdue_actions,
  SUM(CASE WHEN r.overdue_actions > 0 THEN 1 ELSE 0 END) AS units_with_overdue_actions`;

interface Totals {
  unitCount: number;
  readyUnits: number;
  meanOfUnits: number | null;
  score: number | null;
  percent: number | null;
  overdueActions: number;
  unitsWithOverdueActions: number;
}

function totalsOf(row: Row | undefined): Totals {
  const leaves = num(row?.applicable_leaves);
  const score = leaves === 0 ? null : num(row?.leaf_score_sum) / leaves;
  return {
    unitCount: num(row?.units),
    readyUnits: num(row?.ready_units),
    meanOfUnits: numOrNull(row?.mean_of_units),
    score,
    percent: toPercent(score),
    overdueActions: num(row?.overdue_actions),
    unitsWithOverdueActions: num(row?.units_with_overdue_actions),
  };
}

/**
 * Readiness of units and organisations, read from the stored results (unit_readiness) that every
 * writer keeps current (readiness-store.ts); a result whose self-change instant has passed, or a
 * unit without one, is recomputed first.
 */
@Injectable()
export class ReadinessService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
  ) {}

  private async run(sql: string, params: Record<string, unknown>): Promise<Row[]> {
    const [query, values] = this.db.driver.escapeQueryWithParameters(sql, params);
    return this.db.query<Row[]>(query, values);
  }

  async unit(me: Principal, unitId: string, lang: Language): Promise<UnitReadinessView> {
    await this.scope.requireUnit(me, unitId);
    const now = this.clock.now();
    const read = () =>
      this.db.getRepository(UnitReadinessRecord).findOne({
        where: { unitId, unit: { withdrawnAt: IsNull() } },
        relations: { unit: true },
      });
    let record = await read();
    if (!record || !isCurrent(record, now)) {
      const unit = await this.db
        .getRepository(Unit)
        .findOneBy({ id: unitId, withdrawnAt: IsNull() });
      if (!unit) throw new NotFound('unit', unitId);
      await this.db.transaction((m) => snapshotUnits(m, { unitIds: [unitId] }, { now }));
      record = await read();
      if (!record) throw new NotFound('unit', unitId);
    }
    const { detail } = record;
    return {
      unitId,
      code: record.unit!.code,
      name: record.unit!.name,
      assessmentId: record.assessmentId,
      asOf: todayInZone(now),
      score: record.score,
      percent: toPercent(record.score),
      ready: record.ready,
      blockers: blockerViews(detail.blockers, lang),
      groups: detail.groups,
      documentedInformation: detail.documentedInformation,
      overdueActions: record.overdueActions,
      counts: detail.counts,
    };
  }

  /**
   * Recomputes, in their own transactions, the units of the scope whose stored result is missing
   * or has passed its self-change instant.
   */
  private async refreshStale(scope: UnitScope, now: Date): Promise<void> {
    const where = scopeWhere(scope);
    const current = currentSql(this.db.manager, now);
    const stale = await this.run(
      `SELECT u.id FROM unit u LEFT JOIN unit_readiness r ON r.unit_id = u.id
       WHERE ${where.sql} AND (r.unit_id IS NULL OR NOT ${current.sql})`,
      { ...where.params, ...current.params },
    );
    for (let i = 0; i < stale.length; i += 500) {
      const unitIds = stale.slice(i, i + 500).map((r) => String(r.id));
      await this.db.transaction((m) => snapshotUnits(m, { unitIds }, { now }));
    }
  }

  /**
   * An organisation's readiness: totals over every unit of it that the caller may see, computed in
   * SQL, and one page of those units (all of them without a query: pages and reports).
   */
  async organisation(
    me: Principal,
    organisationId: string,
    lang: Language,
    query?: OrganisationReadinessQuery,
  ): Promise<OrganisationReadinessView> {
    const orgs = this.scope.visibleOrganisationIds(me);
    const organisation =
      orgs === 'all' || orgs.includes(organisationId)
        ? await this.db.getRepository(Organisation).findOneBy({ id: organisationId })
        : null;
    if (!organisation) throw new NotFound('organisation', organisationId);
    const scope = await this.visibleSelection(me, organisationId);
    const now = this.clock.now();
    await this.refreshStale(scope, now);
    const where = scopeWhere(scope);
    const filter = query?.filter ? FILTER_SQL[query.filter] : '1 = 1';
    const [totalsRow] = await this.run(
      `SELECT ${TOTALS_SQL}, SUM(CASE WHEN ${filter} THEN 1 ELSE 0 END) AS matching
       FROM unit u INNER JOIN unit_readiness r ON r.unit_id = u.id WHERE ${where.sql}`,
      where.params,
    );
    const totals = totalsOf(totalsRow);
    const page = query?.page ?? 1;
    const limit = query?.limit;
    const rows = await this.run(
      `SELECT u.id, u.code, u.name, r.assessment_id, r.score, r.blocker_count, r.overdue_actions,
         r.detail
       FROM unit u INNER JOIN unit_readiness r ON r.unit_id = u.id
       WHERE ${where.sql} AND ${filter}
       ORDER BY ${unitOrder(query?.sort ?? 'code', query?.order ?? 'asc')}
       ${limit === undefined ? '' : `LIMIT ${limit} OFFSET ${(page - 1) * limit}`}`,
      where.params,
    );
    return {
      organisationId,
      code: organisation.code,
      name: organisation.name,
      asOf: todayInZone(now),
      score: totals.score,
      percent: totals.percent,
      meanOfUnits: totals.meanOfUnits,
      readyUnits: totals.readyUnits,
      unitCount: totals.unitCount,
      overdueActions: totals.overdueActions,
      unitsWithOverdueActions: totals.unitsWithOverdueActions,
      matching: num(totalsRow?.matching),
      page,
      limit: limit ?? null,
      units: rows.map((r) => {
        const detail = detailOf(r.detail);
        const score = numOrNull(r.score);
        return {
          unitId: String(r.id),
          code: String(r.code),
          name: String(r.name),
          assessmentId: typeof r.assessment_id === 'string' ? r.assessment_id : null,
          score,
          percent: toPercent(score),
          ready: num(r.blocker_count) === 0,
          blockers: blockerViews(detail.blockers, lang),
          groups: detail.groups.map((g) => ({
            clause: g.clause,
            score: g.score,
            percent: g.percent,
          })),
          overdueActions: num(r.overdue_actions),
        };
      }),
    };
  }

  /**
   * Every organisation the caller may see with the summary of its units the caller may see, one
   * page at a time: a national administrator (no organisation) sees them all.
   */
  async organisations(
    me: Principal,
    query: NationalReadinessQuery,
  ): Promise<Page<OrganisationSummaryView>> {
    const orgs = this.scope.visibleOrganisationIds(me);
    const scope: UnitScope = orgs === 'all' ? {} : { unitIds: await this.scope.visibleUnitIds(me) };
    const now = this.clock.now();
    await this.refreshStale(scope, now);
    const orgWhere = orgs === 'all' ? '1 = 1' : orgs.length > 0 ? 'o.id IN (:...orgIds)' : '1 = 0';
    const unitWhere = scopeWhere(scope);
    const params = { ...unitWhere.params, orgIds: orgs === 'all' ? [] : orgs };
    const [count] = await this.run(
      `SELECT COUNT(*) AS total FROM organisation o WHERE ${orgWhere}`,
      params,
    );
    const rows = await this.run(
      `SELECT o.id, o.code, o.name, ${TOTALS_SQL}
       FROM organisation o
       LEFT JOIN unit u ON u.organisation_id = o.id AND ${unitWhere.sql}
       LEFT JOIN unit_readiness r ON r.unit_id = u.id
       WHERE ${orgWhere}
       GROUP BY o.id, o.code, o.name
       ORDER BY ${organisationOrder(query.sort, query.order)}
       LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    );
    return {
      items: rows.map((r) => ({
        organisationId: String(r.id),
        code: String(r.code),
        name: String(r.name),
        ...totalsOf(r),
        meanPercent: toPercent(numOrNull(r.mean_of_units)),
      })),
      total: num(count?.total),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /**
   * The whole organisation when the caller sees all of its units (filtered by organisation, so the
   * queries do not carry thousands of ids), otherwise the units of it the caller sees.
   */
  private async visibleSelection(me: Principal, organisationId: string): Promise<UnitScope> {
    if (administersOrganisation(me, organisationId)) return { organisationId };
    const visible = new Set(await this.scope.visibleUnitIds(me));
    const units = await this.db
      .getRepository(Unit)
      .createQueryBuilder('u')
      .select('u.id', 'id')
      .where('u.organisationId = :organisationId', { organisationId })
      .andWhere('u.withdrawnAt IS NULL')
      .getRawMany<{ id: string }>();
    const seen = units.filter((u) => visible.has(u.id)).map((u) => u.id);
    return seen.length === units.length ? { organisationId } : { organisationId, unitIds: seen };
  }

  async history(me: Principal, unitId: string, query: HistoryQuery): Promise<Page<SnapshotView>> {
    await this.scope.requireUnit(me, unitId);
    const [rows, total] = await this.db.getRepository(ReadinessSnapshot).findAndCount({
      where: {
        unitId,
        // A day means from its start in Kupang (UTC+8, no daylight saving).
        ...(query.since
          ? { takenAt: MoreThanOrEqual(new Date(`${query.since}T00:00:00+08:00`)) }
          : {}),
      },
      order: { takenAt: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return {
      items: rows.map((s) => ({
        takenAt: s.takenAt,
        score: s.score,
        percent: toPercent(s.score),
        ready: s.ready,
        blockerCodes: s.blockerCodes,
        groups: s.groups.map((g) => ({ ...g, percent: toPercent(g.score) })),
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /**
   * Stores the unit's readiness afresh and writes a snapshot when its score or ready flag changed.
   * Call it with the manager of the transaction that made the change, after the change, so that
   * both commit or neither does: every change that can move readiness calls it.
   */
  async snapshotIfChanged(manager: EntityManager, unitId: string): Promise<boolean> {
    return (
      (await snapshotUnits(manager, { unitIds: [unitId] }, { now: this.clock.now() })).written > 0
    );
  }
}
