import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThanOrEqual } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { seesWholeOrganisation } from '../auth/principal-rules.js';
import { ScopeService } from '../auth/scope.js';
import { todayInZone } from '../common/dates.js';
import { NotFound } from '../common/domain-error.js';
import type { Page } from '../common/pagination.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Unit } from '../organisations/unit.entity.js';
import { Clock } from '../common/clock.js';
import { blockerCodesOf } from './blocker-kinds.js';
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
import { instantParam, isCurrent, TOTALS_COLUMNS, TOTALS_SQL } from './readiness-store.js';
import { UnitReadinessRecord, type StoredReadinessDetail } from './unit-readiness.entity.js';
import { toPercent } from '../assessments/score-rules.js';
import {
  type Blocker,
  type BlockerCode,
  type ClauseSummary,
  type UnitReadiness,
} from './readiness.js';

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
  /** Untranslated: the API says them through blocker-texts.ts (withBlockerMessages). */
  blockers: Blocker[];
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
  blockers: Blocker[];
  groups: { clause: string; score: number | null; percent: number | null }[];
  overdueActions: number;
}

/**
 * A unit as the API lists it among many (GET /api/organisations/:id/readiness): its blockers
 * counted and named by kind, not said in full; `readinessUrl` has them all with their messages.
 */
export type OrganisationUnitListing = Omit<OrganisationUnitView, 'blockers'> & {
  blockerCount: number;
  /** The kinds of its blockers, each once, most serious first. */
  blockerCodes: BlockerCode[];
  /** `/api/units/:id/readiness`: the unit's blockers in full, in the caller's language. */
  readinessUrl: string;
};

export const unitListing = ({
  blockers,
  ...unit
}: OrganisationUnitView): OrganisationUnitListing => ({
  ...unit,
  blockerCount: blockers.length,
  blockerCodes: blockerCodesOf(blockers),
  readinessUrl: `/api/units/${unit.unitId}/readiness`,
});

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

/** Stored results written before blockers lost their words may still carry a `message`. */
const blockersOf = (stored: readonly Blocker[]): Blocker[] =>
  stored.map(({ code, params }) => ({ code, params }));

type Row = Record<string, unknown>;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const detailOf = (v: unknown): StoredReadinessDetail =>
  (typeof v === 'string' ? JSON.parse(v) : v) as StoredReadinessDetail;

/**
 * Which stored results a read covers: an organisation's (every organisation's without one), and
 * only the caller's units of it when they see some but not all (ScopeService's predicate, inside
 * the query). Every unit not withdrawn has exactly one row in unit_readiness.
 */
interface UnitScope {
  organisationId?: string;
  caller?: Principal;
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
    case 'score': {
      const mean = 'a.unit_score_sum / NULLIF(a.scored_units, 0)';
      return `CASE WHEN ${mean} IS NULL THEN 1 ELSE 0 END, ${mean} ${dir}, o.code ${dir}, o.id ${dir}`;
    }
  }
}

interface Totals {
  unitCount: number;
  readyUnits: number;
  meanOfUnits: number | null;
  score: number | null;
  percent: number | null;
  overdueActions: number;
  unitsWithOverdueActions: number;
}

/** A row of organisation_readiness, or of TOTALS_SQL over some units, as the answer's totals. */
function totalsOf(row: Row | undefined): Totals {
  const leaves = num(row?.applicable_leaves);
  const scored = num(row?.scored_units);
  const score = leaves === 0 ? null : num(row?.leaf_score_sum) / leaves;
  return {
    unitCount: num(row?.unit_count),
    readyUnits: num(row?.ready_units),
    meanOfUnits: scored === 0 ? null : num(row?.unit_score_sum) / scored,
    score,
    percent: toPercent(score),
    overdueActions: num(row?.overdue_actions),
    unitsWithOverdueActions: num(row?.units_with_overdue_actions),
  };
}

/** How many of the units counted in the totals pass the filter (the totals count each kind). */
function matchingOf(totals: Totals, filter: UnitFilter | undefined): number {
  switch (filter) {
    case undefined:
      return totals.unitCount;
    case 'ready':
      return totals.readyUnits;
    case 'not_ready':
      return totals.unitCount - totals.readyUnits;
    case 'overdue':
      return totals.unitsWithOverdueActions;
  }
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

  async unit(me: Principal, unitId: string): Promise<UnitReadinessView> {
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
      blockers: blockersOf(detail.blockers),
      groups: detail.groups,
      documentedInformation: detail.documentedInformation,
      overdueActions: record.overdueActions,
      counts: detail.counts,
    };
  }

  /**
   * The scope as SQL over `r` (unit_readiness) and, for the organisation, `orgColumn`. With
   * `noIndex` the scope's columns are written so that SQLite does not pick their indexes (`+col`):
   * the query is then driven by the index of its other condition (a range of changes_at).
   */
  private scopeWhere(
    scope: UnitScope,
    orgColumn = 'r.organisation_id',
    noIndex = false,
  ): { sql: string; params: Record<string, unknown> } {
    const plain = noIndex && this.db.options.type !== 'postgres' ? '+' : '';
    const parts: string[] = [];
    const params: Record<string, unknown> = {};
    if (scope.organisationId) {
      parts.push(`${plain}${orgColumn} = :organisationId`);
      params.organisationId = scope.organisationId;
    }
    if (scope.caller) {
      const p = this.scope.predicate(scope.caller, `${plain}r.unit_id`);
      parts.push(p.sql);
      Object.assign(params, p.params);
    }
    return { sql: parts.length ? parts.join(' AND ') : '1 = 1', params };
  }

  /**
   * Recomputes, in their own transactions, the units of the scope whose stored result has passed
   * its self-change instant (or was computed for a later day than today: a clock set back). Every
   * unit has a stored result, so this is a range of the changes_at and computed_for indexes: rows
   * that are current are never read.
   */
  private async refreshStale(scope: UnitScope, now: Date): Promise<void> {
    const where = this.scopeWhere(scope, 'r.organisation_id', true);
    const stale = await this.run(
      `SELECT r.unit_id AS id FROM unit_readiness r
       WHERE (r.changes_at <= :now OR r.computed_for > :today) AND ${where.sql}`,
      { ...where.params, now: instantParam(this.db.manager, now), today: todayInZone(now) },
    );
    for (let i = 0; i < stale.length; i += 500) {
      const unitIds = stale.slice(i, i + 500).map((r) => String(r.id));
      await this.db.transaction((m) => snapshotUnits(m, { unitIds }, { now }));
    }
  }

  /** The caller's units of the organisation: all of them, or those the predicate admits. */
  private organisationScope(me: Principal, organisationId: string): UnitScope {
    return seesWholeOrganisation(me, organisationId)
      ? { organisationId }
      : { organisationId, caller: me };
  }

  /**
   * Totals over the scope: kept in organisation_readiness for a whole organisation, summed in SQL
   * over the caller's units otherwise.
   */
  private async totals(scope: UnitScope): Promise<Totals> {
    if (scope.organisationId && !scope.caller) {
      const [row] = await this.run(
        `SELECT ${TOTALS_COLUMNS.join(', ')} FROM organisation_readiness
         WHERE organisation_id = :organisationId`,
        { organisationId: scope.organisationId },
      );
      return totalsOf(row);
    }
    const where = this.scopeWhere(scope);
    const [row] = await this.run(
      `SELECT ${TOTALS_SQL} FROM unit_readiness r WHERE ${where.sql}`,
      where.params,
    );
    return totalsOf(row);
  }

  /**
   * An organisation's readiness: totals over every unit of it that the caller may see, and one
   * page of those units (all of them without a query: pages and reports).
   */
  async organisation(
    me: Principal,
    organisationId: string,
    query?: OrganisationReadinessQuery,
  ): Promise<OrganisationReadinessView> {
    const orgs = this.scope.visibleOrganisationIds(me);
    const organisation =
      orgs === 'all' || orgs.includes(organisationId)
        ? await this.db.getRepository(Organisation).findOneBy({ id: organisationId })
        : null;
    if (!organisation) throw new NotFound('organisation', organisationId);
    const scope = this.organisationScope(me, organisationId);
    const now = this.clock.now();
    await this.refreshStale(scope, now);
    const totals = await this.totals(scope);
    const page = query?.page ?? 1;
    const limit = query?.limit;
    const where = this.scopeWhere(scope, 'u.organisation_id');
    const filter = query?.filter ? FILTER_SQL[query.filter] : '1 = 1';
    // The page first, over the narrow columns; then the stored detail of those units only.
    const rows = await this.run(
      `SELECT u.id, u.code, u.name, r.assessment_id, r.score, r.blocker_count, r.overdue_actions
       FROM unit u INNER JOIN unit_readiness r ON r.unit_id = u.id
       WHERE ${where.sql} AND ${filter}
       ORDER BY ${unitOrder(query?.sort ?? 'code', query?.order ?? 'asc')}
       ${limit === undefined ? '' : `LIMIT ${limit} OFFSET ${(page - 1) * limit}`}`,
      where.params,
    );
    const details = new Map<string, StoredReadinessDetail>();
    for (let i = 0; i < rows.length; i += 500) {
      const ids = rows.slice(i, i + 500).map((r) => String(r.id));
      for (const d of await this.run(
        'SELECT r.unit_id, r.detail FROM unit_readiness r WHERE r.unit_id IN (:...ids)',
        { ids },
      ))
        details.set(String(d.unit_id), detailOf(d.detail));
    }
    return {
      organisationId,
      code: organisation.code,
      name: organisation.name,
      asOf: todayInZone(now),
      ...totals,
      matching: matchingOf(totals, query?.filter),
      page,
      limit: limit ?? null,
      units: rows.map((r) => {
        const detail = details.get(String(r.id))!;
        const score = numOrNull(r.score);
        return {
          unitId: String(r.id),
          code: String(r.code),
          name: String(r.name),
          assessmentId: typeof r.assessment_id === 'string' ? r.assessment_id : null,
          score,
          percent: toPercent(score),
          ready: num(r.blocker_count) === 0,
          blockers: blockersOf(detail.blockers),
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
   * page at a time: a national administrator (no organisation) sees them all, each organisation's
   * totals read from organisation_readiness.
   */
  async organisations(
    me: Principal,
    query: NationalReadinessQuery,
  ): Promise<Page<OrganisationSummaryView>> {
    const orgs = this.scope.visibleOrganisationIds(me);
    const now = this.clock.now();
    if (orgs === 'all') await this.refreshStale({}, now);
    else for (const id of orgs) await this.refreshStale(this.organisationScope(me, id), now);
    const orgWhere = orgs === 'all' ? '1 = 1' : orgs.length > 0 ? 'o.id IN (:...orgIds)' : '1 = 0';
    const params = { orgIds: orgs === 'all' ? [] : orgs };
    const [count] = await this.run(
      `SELECT COUNT(*) AS total FROM organisation o WHERE ${orgWhere}`,
      params,
    );
    const rows = await this.run(
      `SELECT o.id, o.code, o.name, ${TOTALS_COLUMNS.map((c) => `a.${c}`).join(', ')}
       FROM organisation o LEFT JOIN organisation_readiness a ON a.organisation_id = o.id
       WHERE ${orgWhere}
       ORDER BY ${organisationOrder(query.sort, query.order)}
       LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    );
    const items: OrganisationSummaryView[] = [];
    for (const r of rows) {
      const id = String(r.id);
      const scope = this.organisationScope(me, id);
      // Someone who sees only some units of their organisation: the totals of those units.
      const totals = scope.caller ? await this.totals(scope) : totalsOf(r);
      items.push({
        organisationId: id,
        code: String(r.code),
        name: String(r.name),
        ...totals,
        meanPercent: toPercent(totals.meanOfUnits),
      });
    }
    return { items, total: num(count?.total), page: query.page, pageSize: query.pageSize };
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
}
