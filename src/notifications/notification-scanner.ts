import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { User } from '../auth/user.entity.js';
import { NotificationDelivery } from './notification-delivery.entity.js';
import { immediateKey, notificationKey } from './notification-rules.js';
import type { NotificationCandidate, NotificationSource } from './notification-source.js';
import { modeFor } from './notification-types.js';
import { Notification } from './notification.entity.js';

export interface ScanResult {
  /** Every notification the sources propose now (new or already there). */
  candidates: number;
  /** Those not there before: inserted (or, in a dry run, that would be). */
  created: (NotificationCandidate & { key: string })[];
  /** Immediate e-mails queued for the new ones. */
  immediate: number;
  /** Time per source, in ms. */
  timings: { source: string; candidates: number; ms: number }[];
}

const CHUNK = 200;

/**
 * Runs every source and writes what is new. Exactly once by construction: the key is unique, the
 * insert ignores a key that exists (a second scan, a restart, another instance at the same time),
 * and only the rows this scan inserted (found by the ids it chose) get an immediate e-mail.
 */
export class NotificationScanner {
  constructor(
    private readonly db: DataSource,
    private readonly sources: readonly NotificationSource[],
  ) {}

  async scan(now: Date, options: { dryRun?: boolean; mail?: boolean } = {}): Promise<ScanResult> {
    const timings: ScanResult['timings'] = [];
    const byKey = new Map<string, NotificationCandidate & { key: string }>();
    for (const source of this.sources) {
      const started = performance.now();
      const found = await source.scan(this.db.manager, now);
      for (const c of found) byKey.set(notificationKey(c), { ...c, key: notificationKey(c) });
      timings.push({
        source: source.name,
        candidates: found.length,
        ms: Math.round(performance.now() - started),
      });
    }
    const all = [...byKey.values()];
    const created: ScanResult['created'] = [];
    let immediate = 0;
    for (let i = 0; i < all.length; i += CHUNK) {
      const chunk = all.slice(i, i + CHUNK);
      // Read first: a steady scan (nothing new) writes nothing and takes no write lock.
      const existing = await this.db
        .getRepository(Notification)
        .find({ select: { key: true }, where: { key: In(chunk.map((c) => c.key)) } });
      const known = new Set(existing.map((n) => n.key));
      const fresh = chunk.filter((c) => !known.has(c.key));
      if (options.dryRun) {
        created.push(...fresh);
        continue;
      }
      if (fresh.length === 0) continue;
      await this.db.transaction(async (m) => {
        // Still insert-or-ignore: another instance may insert the same key meanwhile.
        const inserted = await this.insert(m, fresh, now);
        created.push(...inserted.map((f) => f.candidate));
        if (options.mail !== false) immediate += await this.queueImmediate(m, inserted, now);
      });
    }
    return { candidates: all.length, created, immediate, timings };
  }

  private async insert(
    m: EntityManager,
    chunk: (NotificationCandidate & { key: string })[],
    now: Date,
  ): Promise<{ id: string; candidate: NotificationCandidate & { key: string } }[]> {
    const rows = chunk.map((c) => ({
      id: randomUUID(),
      key: c.key,
      kind: c.kind,
      recipientId: c.recipientId,
      unitId: c.unitId,
      recordId: c.recordId,
      dueOn: c.dueOn,
      params: c.params,
      url: c.url,
      deliveryId: null,
      readAt: null,
      createdAt: now,
    }));
    await m.createQueryBuilder().insert().into(Notification).values(rows).orIgnore().execute();
    const mine = await m
      .getRepository(Notification)
      .find({ select: { id: true }, where: { id: In(rows.map((r) => r.id)) } });
    const inserted = new Set(mine.map((n) => n.id));
    return rows
      .map((r, i) => ({ id: r.id, candidate: chunk[i] }))
      .filter((r) => inserted.has(r.id));
  }

  /** New notifications of kinds their recipient wants at once, to users with an address. */
  private async queueImmediate(
    m: EntityManager,
    fresh: { id: string; candidate: NotificationCandidate }[],
    now: Date,
  ): Promise<number> {
    if (fresh.length === 0) return 0;
    const users = await m.getRepository(User).find({
      select: { id: true, email: true, notificationPreferences: true, active: true },
      where: { id: In([...new Set(fresh.map((f) => f.candidate.recipientId))]) },
    });
    const byId = new Map(users.map((u) => [u.id, u]));
    let queued = 0;
    for (const f of fresh) {
      const user = byId.get(f.candidate.recipientId);
      if (!user?.email || !user.active) continue;
      if (modeFor(user.notificationPreferences, f.candidate.kind) !== 'immediate') continue;
      const id = randomUUID();
      await m
        .createQueryBuilder()
        .insert()
        .into(NotificationDelivery)
        .values({
          id,
          key: immediateKey(f.id),
          mode: 'immediate',
          recipientId: user.id,
          day: f.candidate.dueOn,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
        })
        .orIgnore()
        .execute();
      await m.getRepository(Notification).update({ id: f.id }, { deliveryId: id });
      queued++;
    }
    return queued;
  }
}
