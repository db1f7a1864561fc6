import type { EntityManager } from 'typeorm';
import { todayInZone } from '../common/dates.js';
import { lockSelected } from '../database/row-lock.js';
import type { LoadedUnit, UnitSelection } from './readiness-data.js';
import { nextSelfChangeDay, type UnitReadiness } from './readiness.js';
import { UnitReadinessRecord } from './unit-readiness.entity.js';

/**
 * The stored readiness of each unit (unit_readiness), written by snapshotUnits
 * (readiness-snapshots.ts) in the transaction of every change that can move it, and by a read that
 * finds a result whose self-change instant has passed. Reads never compute what is stored.
 */

/** The start of a WITA calendar day as an instant (Kupang is UTC+8 all year). */
export const startOfWitaDay = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

/**
 * A stored result holds at `now` when it was computed for that day or an earlier one and its
 * self-change instant has not come (a clock set back, as in a test, also recomputes).
 */
export function isCurrent(
  record: Pick<UnitReadinessRecord, 'changesAt' | 'computedFor'>,
  now: Date,
): boolean {
  return (
    record.computedFor <= todayInZone(now) &&
    (record.changesAt === null || now.getTime() < record.changesAt.getTime())
  );
}

/** The SQL of isCurrent over `r` (unit_readiness), with its parameters. */
export function currentSql(
  m: EntityManager,
  now: Date,
): { sql: string; params: Record<string, unknown> } {
  return {
    sql: '(r.computed_for <= :today AND (r.changes_at IS NULL OR r.changes_at > :now))',
    params: { today: todayInZone(now), now: instantParam(m, now) },
  };
}

const isPostgres = (m: EntityManager): boolean => m.connection.options.type === 'postgres';

/** An instant as a query parameter, the way each engine stores it (SQLite: UTC text). */
export const instantParam = (m: EntityManager, d: Date): Date | string =>
  isPostgres(m) ? d : d.toISOString().replace('T', ' ').replace('Z', '');

export function recordOf(u: LoadedUnit, r: UnitReadiness, now: Date): UnitReadinessRecord {
  const next = nextSelfChangeDay(u.input);
  return {
    unitId: u.unitId,
    organisationId: u.organisationId,
    assessmentId: u.assessmentId,
    score: r.score,
    ready: r.ready,
    applicableLeaves: r.counts.applicable,
    leafScoreSum: r.counts.met + r.counts.partlyMet / 2,
    overdueActions: r.overdueActions,
    blockerCount: r.blockers.length,
    computedFor: u.input.today,
    changesAt: next === null ? null : startOfWitaDay(next),
    computedAt: now,
    detail: {
      blockers: r.blockers,
      groups: r.groups,
      documentedInformation: r.documentedInformation,
      counts: r.counts,
    },
  };
}

/**
 * Locks the selected units' rows until the transaction ends (PostgreSQL; SQLite runs one write
 * transaction at a time). Every writer of readiness takes this lock before it reads the data, so
 * a recomputation that read older data can never be stored after one that read newer data.
 */
export async function lockUnits(m: EntityManager, selection: UnitSelection): Promise<void> {
  const q = m.createQueryBuilder().select('u.id').from('unit', 'u').orderBy('u.id');
  if ('organisationId' in selection)
    q.andWhere('u.organisation_id = :org', { org: selection.organisationId });
  if (selection.unitIds)
    q.andWhere(selection.unitIds.length ? 'u.id IN (:...ids)' : '1 = 0', {
      ids: selection.unitIds,
    });
  await lockSelected(m, q);
}

/** Stores the results of the loaded units and drops those of selected units that are withdrawn. */
export async function storeResults(
  m: EntityManager,
  selection: UnitSelection,
  records: UnitReadinessRecord[],
): Promise<void> {
  const repo = m.getRepository(UnitReadinessRecord);
  for (let i = 0; i < records.length; i += 200)
    await repo.upsert(records.slice(i, i + 200), ['unitId']);
  const gone = m
    .createQueryBuilder()
    .select('w.id')
    .from('unit', 'w')
    .where('w.withdrawn_at IS NOT NULL');
  if ('organisationId' in selection)
    gone.andWhere('w.organisation_id = :org', { org: selection.organisationId });
  if (selection.unitIds)
    gone.andWhere(selection.unitIds.length ? 'w.id IN (:...ids)' : '1 = 0', {
      ids: selection.unitIds,
    });
  await repo
    .createQueryBuilder()
    .delete()
    .where(`unit_id IN (${gone.getQuery()})`, gone.getParameters())
    .execute();
}
