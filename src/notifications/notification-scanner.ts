import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { insertMany, queryIn } from '../database/bulk-sql.js';
import { immediateKey, notificationKey } from './notification-rules.js';
import type { NotificationCandidate, NotificationSource } from './notification-source.js';
import { IMMEDIATE_KINDS, modeFor, type NotificationPreferences } from './notification-types.js';
import { run, sqlInstant, text } from './sources/sql.js';

type Keyed = NotificationCandidate & { key: string };

export interface ScanResult {
  /** Every notification the sources propose now (new or already there). */
  candidates: number;
  /** Those not there before: inserted (or, in a dry run, that would be). */
  created: Keyed[];
  /** Immediate e-mails queued for the new ones. */
  immediate: number;
  /** Time per source in ms: in all, and of its query (with the mapping), the key check, the writes. */
  timings: {
    source: string;
    candidates: number;
    created: number;
    ms: number;
    query: number;
    check: number;
    write: number;
  }[];
}

const NOTIFICATION_COLUMNS = [
  'id',
  '"key"',
  'kind',
  'recipient_id',
  'unit_id',
  'record_id',
  'due_on',
  'params',
  'url',
  'created_at',
];
const DELIVERY_COLUMNS = [
  'id',
  '"key"',
  'mode',
  'recipient_id',
  'day',
  'status',
  'attempts',
  'next_attempt_at',
];

/**
 * Runs every source and writes what is new, set-based: per source one query (recipients resolved
 * in its SQL), one read of the keys that exist already (a steady scan writes nothing and takes no
 * write lock), then, in one transaction, multi-row inserts of the new notifications with
 * `ON CONFLICT (key) DO NOTHING RETURNING id` and of their immediate e-mails. Exactly once by
 * construction: the key is unique, the insert ignores a key that exists (a second scan, a restart,
 * another instance at the same time), and only the rows this scan's insert returned get an
 * immediate e-mail. New keys are inserted in key order, so two instances inserting the same keys
 * at once wait for each other instead of deadlocking.
 */
export class NotificationScanner {
  constructor(
    private readonly db: DataSource,
    private readonly sources: readonly NotificationSource[],
  ) {}

  async scan(now: Date, options: { dryRun?: boolean; mail?: boolean } = {}): Promise<ScanResult> {
    const result: ScanResult = { candidates: 0, created: [], immediate: 0, timings: [] };
    const seen = new Set<string>();
    for (const source of this.sources) {
      const started = performance.now();
      const query = source.query(now);
      const rows = await run(this.db.manager, query.sql, query.params);
      const found: Keyed[] = [];
      for (const c of source.candidates(rows, now)) {
        const key = notificationKey(c);
        if (seen.has(key)) continue;
        seen.add(key);
        found.push({ ...c, key });
      }
      const queried = performance.now();
      const existing = await queryIn(
        this.db.manager,
        'SELECT "key" FROM notification WHERE "key" IN (:in)',
        found.map((c) => c.key),
      );
      const known = new Set(existing.map((r) => text(r.key)));
      const checked = performance.now();
      const fresh = found.filter((c) => !known.has(c.key)).sort((a, b) => cmp(a.key, b.key));
      let created: Keyed[] = fresh;
      if (!options.dryRun && fresh.length > 0)
        created = await this.db.transaction(async (m) => {
          const inserted = await this.insert(m, fresh, now);
          if (options.mail !== false)
            result.immediate += await this.queueImmediate(m, inserted, now);
          return inserted.map((i) => i.candidate);
        });
      result.candidates += found.length;
      result.created.push(...created);
      const done = performance.now();
      result.timings.push({
        source: source.name,
        candidates: found.length,
        created: created.length,
        ms: Math.round(done - started),
        query: Math.round(queried - started),
        check: Math.round(checked - queried),
        write: Math.round(done - checked),
      });
    }
    return result;
  }

  /** Inserts the candidates; returns those this statement inserted (not another instance). */
  private async insert(
    m: EntityManager,
    fresh: Keyed[],
    now: Date,
  ): Promise<{ id: string; candidate: Keyed }[]> {
    const at = sqlInstant(now);
    const withIds = fresh.map((candidate) => ({ id: randomUUID(), candidate }));
    const returned = await insertMany(
      m,
      'notification',
      NOTIFICATION_COLUMNS,
      withIds.map(({ id, candidate: c }) => [
        id,
        c.key,
        c.kind,
        c.recipientId,
        c.unitId,
        c.recordId,
        c.dueOn,
        JSON.stringify(c.params),
        c.url,
        at,
      ]),
      'ON CONFLICT ("key") DO NOTHING RETURNING id',
    );
    const ours = new Set(returned.map((r) => text(r.id)));
    return withIds.filter((r) => ours.has(r.id));
  }

  /** New notifications of kinds their recipient wants at once, to active users with an address. */
  private async queueImmediate(
    m: EntityManager,
    fresh: { id: string; candidate: NotificationCandidate }[],
    now: Date,
  ): Promise<number> {
    const urgent = fresh.filter((f) => IMMEDIATE_KINDS.has(f.candidate.kind));
    if (urgent.length === 0) return 0;
    const users = await queryIn(
      m,
      'SELECT id, email, active, notification_preferences FROM user_account WHERE id IN (:in)',
      [...new Set(urgent.map((f) => f.candidate.recipientId))],
    );
    const byId = new Map(users.map((u) => [text(u.id), u]));
    const wanted = urgent.filter((f) => {
      const user = byId.get(f.candidate.recipientId);
      if (!user?.email || !(user.active === true || user.active === 1)) return false;
      const prefs = user.notification_preferences
        ? (JSON.parse(text(user.notification_preferences)) as NotificationPreferences)
        : null;
      return modeFor(prefs, f.candidate.kind) === 'immediate';
    });
    if (wanted.length === 0) return 0;
    const at = sqlInstant(now);
    const queued = await insertMany(
      m,
      'notification_delivery',
      DELIVERY_COLUMNS,
      wanted.map((f) => [
        randomUUID(),
        immediateKey(f.id),
        'immediate',
        f.candidate.recipientId,
        f.candidate.dueOn,
        'pending',
        0,
        at,
      ]),
      'ON CONFLICT ("key") DO NOTHING RETURNING id',
    );
    await queryIn(
      m,
      `UPDATE notification SET delivery_id = (SELECT d.id FROM notification_delivery d
          WHERE d."key" = 'immediate|' || notification.id)
        WHERE id IN (:in)`,
      wanted.map((f) => f.id),
    );
    return queued.length;
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
