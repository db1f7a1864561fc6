import type { DataSource, EntityManager } from 'typeorm';
import { insertMany, queryIn } from '../database/bulk-sql.js';
import { orderedUuid } from '../database/ordered-id.js';
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
  'delivery_id',
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
      const fresh = await this.unknown(found);
      const checked = performance.now();
      let created: Keyed[] = fresh;
      if (!options.dryRun && fresh.length > 0) {
        // Who wants which new one at once is decided before the transaction (a read).
        const immediate = options.mail === false ? new Set<string>() : await this.immediate(fresh);
        created = await this.db.transaction(async (m) => {
          const { inserted, queued } = await this.insert(m, fresh, immediate, now);
          result.immediate += queued;
          return inserted;
        });
      }
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

  /**
   * The candidates whose key is not in the table yet, in key order. Usually every key is (a steady
   * scan): a count says so without reading the keys back; only then are they read.
   */
  private async unknown(found: Keyed[]): Promise<Keyed[]> {
    const keys = found.map((c) => c.key);
    const counts = await queryIn(
      this.db.manager,
      'SELECT COUNT(*) AS n FROM notification WHERE "key" IN (:in)',
      keys,
    );
    const known = counts.reduce((sum, r) => sum + Number(r.n), 0);
    if (known === keys.length) return [];
    if (known === 0) return [...found].sort((a, b) => cmp(a.key, b.key));
    const existing = await queryIn(
      this.db.manager,
      'SELECT "key" FROM notification WHERE "key" IN (:in)',
      keys,
    );
    const existingKeys = new Set(existing.map((r) => text(r.key)));
    return found.filter((c) => !existingKeys.has(c.key)).sort((a, b) => cmp(a.key, b.key));
  }

  /**
   * Inserts the candidates (ids in key order: appended to the primary key's index), those in
   * `immediate` with their e-mail's id already set; then queues those e-mails for the rows this
   * statement inserted, not those another instance inserted meanwhile.
   */
  private async insert(
    m: EntityManager,
    fresh: Keyed[],
    immediate: ReadonlySet<string>,
    now: Date,
  ): Promise<{ inserted: Keyed[]; queued: number }> {
    const at = sqlInstant(now);
    const rows = fresh.map((candidate) => ({
      id: orderedUuid(),
      deliveryId: immediate.has(candidate.key) ? orderedUuid() : null,
      candidate,
    }));
    const returned = await insertMany(
      m,
      'notification',
      NOTIFICATION_COLUMNS,
      rows.map(({ id, deliveryId, candidate: c }) => [
        id,
        c.key,
        c.kind,
        c.recipientId,
        c.unitId,
        c.recordId,
        c.dueOn,
        JSON.stringify(c.params),
        c.url,
        deliveryId,
        at,
      ]),
      'ON CONFLICT ("key") DO NOTHING RETURNING id',
    );
    const ours = new Set(returned.map((r) => text(r.id)));
    const mine = rows.filter((r) => ours.has(r.id));
    const mails = mine.filter((r) => r.deliveryId !== null);
    await insertMany(
      m,
      'notification_delivery',
      DELIVERY_COLUMNS,
      mails.map((r) => [
        r.deliveryId,
        immediateKey(r.id),
        'immediate',
        r.candidate.recipientId,
        r.candidate.dueOn,
        'pending',
        0,
        at,
      ]),
    );
    return { inserted: mine.map((r) => r.candidate), queued: mails.length };
  }

  /** The keys of new candidates of urgent kinds whose recipient wants them at once and has an address. */
  private async immediate(fresh: Keyed[]): Promise<Set<string>> {
    const urgent = fresh.filter((c) => IMMEDIATE_KINDS.has(c.kind));
    if (urgent.length === 0) return new Set();
    const users = await queryIn(
      this.db.manager,
      'SELECT id, email, active, notification_preferences FROM user_account WHERE id IN (:in)',
      [...new Set(urgent.map((c) => c.recipientId))],
    );
    const wants = new Map(
      users.map((u) => {
        const prefs = u.notification_preferences
          ? (JSON.parse(text(u.notification_preferences)) as NotificationPreferences)
          : null;
        const able = Boolean(u.email) && (u.active === true || u.active === 1);
        return [text(u.id), (kind: string) => able && modeFor(prefs, kind) === 'immediate'];
      }),
    );
    return new Set(
      urgent.filter((c) => wants.get(c.recipientId)?.(c.kind) === true).map((c) => c.key),
    );
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
