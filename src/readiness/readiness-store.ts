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

/**
 * Totals over stored results `r` (unit_readiness), named as organisation_readiness keeps them: the
 * aggregate is this query over each organisation's rows, and a caller who sees only some units of
 * an organisation gets the same query over theirs. Over `r` alone (no join): the columns it reads
 * are all in an index of unit_readiness, so the rows themselves are never read.
 */
export const TOTALS_SQL = `COUNT(*) AS unit_count,
  COALESCE(SUM(CASE WHEN r.blocker_count = 0 THEN 1 ELSE 0 END), 0) AS ready_units,
  COUNT(r.score) AS scored_units,
  COALESCE(SUM(r.score), 0) AS unit_score_sum,
  COALESCE(SUM(r.applicable_leaves), 0) AS applicable_leaves,
  COALESCE(SUM(r.leaf_score_sum), 0) AS leaf_score_sum,
  COALESCE(SUM(r.overdue_actions), 0) AS overdue_actions,
  COALESCE(SUM(CASE WHEN r.overdue_actions > 0 THEN 1 ELSE 0 END), 0) AS units_with_overdue_actions`;

/** The columns of organisation_readiness that TOTALS_SQL fills, in its order. */
export const TOTALS_COLUMNS = [
  'unit_count',
  'ready_units',
  'scored_units',
  'unit_score_sum',
  'applicable_leaves',
  'leaf_score_sum',
  'overdue_actions',
  'units_with_overdue_actions',
] as const;

async function run(
  m: EntityManager,
  sql: string,
  params: Record<string, unknown>,
): Promise<Record<string, unknown>[]> {
  const [query, values] = m.connection.driver.escapeQueryWithParameters(sql, params);
  return m.query<Record<string, unknown>[]>(query, values);
}

/** The organisations of the selected units (withdrawn ones too: their totals lose them). */
async function organisationsOf(m: EntityManager, selection: UnitSelection): Promise<string[]> {
  if ('organisationId' in selection) return [selection.organisationId];
  if (selection.unitIds.length === 0) return [];
  const ids = new Set<string>();
  for (let i = 0; i < selection.unitIds.length; i += 500) {
    const rows = await run(
      m,
      'SELECT DISTINCT u.organisation_id AS id FROM unit u WHERE u.id IN (:...ids)',
      { ids: selection.unitIds.slice(i, i + 500) },
    );
    for (const r of rows) ids.add(String(r.id));
  }
  return [...ids].sort();
}

/**
 * Sums the organisations' stored results into organisation_readiness, in the caller's transaction.
 * It first takes each organisation's row (an upsert: PostgreSQL locks the row, waiting for another
 * writer of the same organisation to commit), then sums in a statement of its own, which therefore
 * sees every result committed before it got the row: two writers of different units of one
 * organisation can never store totals that miss the other's unit. Call it after the unit rows are
 * stored and locked (snapshotUnits), so every writer locks units, then organisations.
 */
export async function refreshTotals(
  m: EntityManager,
  organisationIds: readonly string[],
  now: Date,
): Promise<void> {
  const ids = [...new Set(organisationIds)].sort();
  const at = instantParam(m, now);
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const params: Record<string, unknown> = { at };
    const tuples = chunk.map((id, n) => {
      params[`org${n}`] = id;
      return `(:org${n}, 0, 0, 0, 0, 0, 0, 0, 0, :at)`;
    });
    await run(
      m,
      `INSERT INTO organisation_readiness (organisation_id, ${TOTALS_COLUMNS.join(', ')}, updated_at)
       VALUES ${tuples.join(', ')}
       ON CONFLICT (organisation_id) DO UPDATE SET updated_at = excluded.updated_at`,
      params,
    );
    await run(
      m,
      `UPDATE organisation_readiness SET (${TOTALS_COLUMNS.join(', ')}) = (
         SELECT ${TOTALS_COLUMNS.map((c) => `t.${c}`).join(', ')} FROM (
           SELECT ${TOTALS_SQL} FROM unit_readiness r
           WHERE r.organisation_id = organisation_readiness.organisation_id
         ) t
       )
       WHERE organisation_id IN (:...ids)`,
      { ids: chunk },
    );
  }
}

/**
 * Stores the results of the loaded units, drops those of selected units that are withdrawn, and
 * sums their organisations afresh (refreshTotals).
 */
export async function storeResults(
  m: EntityManager,
  selection: UnitSelection,
  records: UnitReadinessRecord[],
  now: Date,
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
  await refreshTotals(m, await organisationsOf(m, selection), now);
}
