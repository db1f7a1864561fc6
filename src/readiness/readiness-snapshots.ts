import type { DataSource, EntityManager } from 'typeorm';
import { todayInZone } from '../common/dates.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { ReadinessSnapshot } from './readiness-snapshot.entity.js';
import { loadReadinessInputs, type UnitSelection } from './readiness-data.js';
import { lockUnits, recordOf, storeResults } from './readiness-store.js';
import { unitReadiness, type UnitReadiness } from './readiness.js';
import type { UnitReadinessRecord } from './unit-readiness.entity.js';

/** Two readings are the same for the trend when neither the score nor the ready flag moved. */
export function sameReadiness(
  previous: Pick<ReadinessSnapshot, 'score' | 'ready'>,
  current: Pick<UnitReadiness, 'score' | 'ready'>,
): boolean {
  const scoresEqual =
    previous.score === null || current.score === null
      ? previous.score === current.score
      : Math.abs(previous.score - current.score) < 1e-9;
  return scoresEqual && previous.ready === current.ready;
}

function snapshotOf(unitId: string, r: UnitReadiness, takenAt: Date): Partial<ReadinessSnapshot> {
  return {
    unitId,
    takenAt,
    score: r.score,
    ready: r.ready,
    blockerCodes: [...new Set(r.blockers.map((b) => b.code))],
    groups: r.groups.map((g) => ({ clause: g.clause, score: g.score })),
  };
}

interface Latest {
  takenAt: Date;
  score: number | null;
  ready: boolean;
}

const instant = (v: unknown): Date =>
  v instanceof Date ? v : new Date(`${String(v).replace(' ', 'T')}Z`);

/** The latest snapshot of each selected unit, one index seek per unit. */
async function latestSnapshots(
  m: EntityManager,
  selection: UnitSelection,
): Promise<Map<string, Latest>> {
  const q = m
    .getRepository(ReadinessSnapshot)
    .createQueryBuilder('s')
    .innerJoin('s.unit', 'u')
    .select(['s.unit_id AS "unitId"', 's.taken_at AS "takenAt"', 's.score AS score'])
    .addSelect('s.ready', 'ready')
    .where(
      's.taken_at = (SELECT MAX(l.taken_at) FROM readiness_snapshot l WHERE l.unit_id = s.unit_id)',
    );
  if ('organisationId' in selection)
    q.andWhere('u.organisation_id = :org', { org: selection.organisationId });
  if (selection.unitIds)
    q.andWhere(selection.unitIds.length ? 'u.id IN (:...ids)' : '1 = 0', {
      ids: selection.unitIds,
    });
  const rows = await q.getRawMany<{
    unitId: string;
    takenAt: unknown;
    score: number | string | null;
    ready: unknown;
  }>();
  return new Map(
    rows.map((r) => [
      r.unitId,
      {
        takenAt: instant(r.takenAt),
        score: r.score === null ? null : Number(r.score),
        ready: r.ready === true || r.ready === 1,
      },
    ]),
  );
}

export interface SnapshotResult {
  units: number;
  written: number;
}

/**
 * Recomputes the selected units: stores each one's readiness (readiness-store.ts; withdrawn units
 * lose theirs) and snapshots those whose readiness moved since their latest snapshot; with `daily`,
 * also those without a snapshot yet today (Kupang's calendar day), so the trend has a point per day.
 * Call it in the transaction of the change, after the change, so that both commit or neither does.
 */
export async function snapshotUnits(
  m: EntityManager,
  selection: UnitSelection,
  options: {
    now?: Date;
    daily?: boolean;
    /** false: the trend only, readiness not stored (the benchmark's "without" baseline). */
    store?: boolean;
    /** false: a unit without a trend yet does not start one here (a catalogue reload). */
    startTrend?: boolean;
  } = {},
): Promise<SnapshotResult> {
  const now = options.now ?? new Date();
  const today = todayInZone(now);
  const store = options.store ?? true;
  if (store) await lockUnits(m, selection);
  const loaded = await loadReadinessInputs(m, selection, today);
  const latest = await latestSnapshots(m, selection);
  const records: UnitReadinessRecord[] = [];
  const due = loaded.flatMap((u) => {
    const r = unitReadiness(u.input);
    if (store) records.push(recordOf(u, r, now));
    const last = latest.get(u.unitId);
    const moved = last ? !sameReadiness(last, r) : (options.startTrend ?? true);
    const noneToday = !last || todayInZone(last.takenAt) !== today;
    return moved || (options.daily && noneToday) ? [snapshotOf(u.unitId, r, now)] : [];
  });
  if (store) await storeResults(m, selection, records, now);
  const repo = m.getRepository(ReadinessSnapshot);
  for (let i = 0; i < due.length; i += 500) await repo.insert(due.slice(i, i + 500));
  return { units: loaded.length, written: due.length };
}

/**
 * The daily run (`npm run mutu -- snapshot`): every unit gets a point for today, organisation by
 * organisation, each in its own transaction so memory stays bounded by the largest organisation.
 */
export async function snapshotEveryUnit(
  db: DataSource,
  progress: (line: string) => void = () => undefined,
  now: Date = new Date(),
): Promise<SnapshotResult> {
  const organisations = await db
    .getRepository(Organisation)
    .find({ select: { id: true, code: true }, order: { code: 'ASC' } });
  const total: SnapshotResult = { units: 0, written: 0 };
  for (const [i, org] of organisations.entries()) {
    const r = await db.transaction((m) =>
      snapshotUnits(m, { organisationId: org.id }, { now, daily: true }),
    );
    total.units += r.units;
    total.written += r.written;
    progress(
      `[${i + 1}/${organisations.length}] ${org.code}: ${r.units} units, ${r.written} snapshots written`,
    );
  }
  return total;
}

/**
 * Recomputes every unit, organisation by organisation, inside the caller's transaction. A unit's
 * trend moves where it has one; none is started, so a unit's first point is its first real change.
 */
export async function refreshEveryUnit(m: EntityManager, now: Date = new Date()): Promise<void> {
  const organisations = await m.getRepository(Organisation).find({ select: { id: true } });
  for (const org of organisations)
    await snapshotUnits(m, { organisationId: org.id }, { now, startTrend: false });
}
