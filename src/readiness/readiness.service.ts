import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThanOrEqual, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { todayInZone } from '../common/dates.js';
import { NotFound } from '../common/domain-error.js';
import type { Page } from '../common/pagination.js';
import type { Language } from '../i18n/i18n.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Unit } from '../organisations/unit.entity.js';
import { loadReadinessInputs, type LoadedUnit, type UnitSelection } from './readiness-data.js';
import { ReadinessSnapshot } from './readiness-snapshot.entity.js';
import { snapshotUnits } from './readiness-snapshots.js';
import type { HistoryQuery } from './readiness.dto.js';
import {
  organisationReadiness,
  toPercent,
  unitReadiness,
  type Blocker,
  type BlockerCode,
  type ClauseSummary,
  type UnitReadiness,
} from './readiness.js';

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
  units: OrganisationUnitView[];
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

const unitView = (u: LoadedUnit, r: UnitReadiness, lang: Language): UnitReadinessView => ({
  unitId: u.unitId,
  code: u.code,
  name: u.name,
  assessmentId: u.assessmentId,
  asOf: u.input.today,
  score: r.score,
  percent: r.percent,
  ready: r.ready,
  blockers: blockerViews(r.blockers, lang),
  groups: r.groups,
  documentedInformation: r.documentedInformation,
  overdueActions: r.overdueActions,
  counts: r.counts,
});

/** Readiness of units and organisations: loads the data set-based and calls the pure engine (readiness.ts). */
@Injectable()
export class ReadinessService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
  ) {}

  private today(): string {
    return todayInZone(new Date());
  }

  async unit(me: Principal, unitId: string, lang: Language): Promise<UnitReadinessView> {
    await this.scope.requireUnit(me, unitId);
    const [loaded] = await loadReadinessInputs(
      this.db.manager,
      { unitIds: [unitId] },
      this.today(),
    );
    if (!loaded) throw new NotFound('unit', unitId);
    return unitView(loaded, unitReadiness(loaded.input), lang);
  }

  /** Every unit of the organisation that the caller may see, from a fixed number of queries. */
  async organisation(
    me: Principal,
    organisationId: string,
    lang: Language,
  ): Promise<OrganisationReadinessView> {
    const orgs = this.scope.visibleOrganisationIds(me);
    const organisation =
      orgs === 'all' || orgs.includes(organisationId)
        ? await this.db.getRepository(Organisation).findOneBy({ id: organisationId })
        : null;
    if (!organisation) throw new NotFound('organisation', organisationId);
    const selection = await this.visibleSelection(me, organisationId);
    const today = this.today();
    const loaded = await loadReadinessInputs(this.db.manager, selection, today);
    const result = organisationReadiness(loaded.map((u) => ({ unitId: u.unitId, ...u.input })));
    return {
      organisationId,
      code: organisation.code,
      name: organisation.name,
      asOf: today,
      score: result.score,
      percent: result.percent,
      meanOfUnits: result.meanOfUnits,
      readyUnits: result.readyUnits,
      unitCount: loaded.length,
      units: loaded.map((u, i) => {
        const r = result.units[i];
        return {
          unitId: u.unitId,
          code: u.code,
          name: u.name,
          assessmentId: u.assessmentId,
          score: r.score,
          percent: r.percent,
          ready: r.ready,
          blockers: blockerViews(r.blockers, lang),
          groups: r.groups.map((g) => ({ clause: g.clause, score: g.score, percent: g.percent })),
          overdueActions: r.overdueActions,
        };
      }),
    };
  }

  /**
   * The whole organisation when the caller sees all of its units (filtered by organisation, so the
   * queries do not carry thousands of ids), otherwise the units of it the caller sees.
   */
  private async visibleSelection(me: Principal, organisationId: string): Promise<UnitSelection> {
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
   * Writes a snapshot of the unit when its score or ready flag changed. Call it with the manager of
   * the transaction that made the change, after the change, so that both commit or neither does.
   */
  async snapshotIfChanged(manager: EntityManager, unitId: string): Promise<boolean> {
    return (await snapshotUnits(manager, { unitIds: [unitId] })).written > 0;
  }
}
