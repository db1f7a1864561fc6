import { IsNull, LessThan, LessThanOrEqual, type DataSource } from 'typeorm';
import { User } from '../auth/user.entity.js';
import { todayInZone, WITA } from '../common/dates.js';
import type { Language } from '../i18n/i18n.js';
import type { MailTemplates, MailUnit } from './mail-templates.js';
import type { Mailer } from './mailer.js';
import { NotificationDelivery } from './notification-delivery.entity.js';
import { insertMany, queryIn } from '../database/bulk-sql.js';
import { orderedUuid } from '../database/ordered-id.js';
import { digestDue, digestKey, digestKeySql, nextAttempt } from './notification-rules.js';
import { notificationTitle } from './notification-text.js';
import { modeFor } from './notification-types.js';
import { userSeesNotificationSql } from './notification-visibility.js';
import { run, sqlInstant, text } from './sources/sql.js';

export interface OutboxOptions {
  publicUrl: string;
  /** Minutes after midnight (WITA) at which the day's digest is queued. */
  digestAt: number;
  /** Who this process is, in leases. */
  owner: string;
}

/** How long a claim holds: longer than the SMTP time limits (mailer.ts), so no one else sends meanwhile. */
export const LEASE_MS = 2 * 60_000;
/** Items older than this are not mailed any more (e.g. to a user who has only now set an address). */
const DIGEST_WINDOW_MS = 14 * 24 * 3600_000;
const BATCH = 25;

export interface DeliveryReport {
  sent: number;
  failed: number;
  retried: number;
  skipped: number;
}

function minutesInWita(now: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: WITA,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/**
 * The e-mail outbox. `queueDigests` writes at most one digest per user per day (unique key) and
 * hands it the user's waiting items; `deliver` claims due e-mails one by one with a lease (a
 * conditional UPDATE: of two instances exactly one wins), sends, and only then marks them sent;
 * a refused send is retried with backoff and shown to the administrator when it gives up.
 */
export class NotificationOutbox {
  constructor(
    private readonly db: DataSource,
    private readonly templates: MailTemplates,
    private readonly options: OutboxOptions,
  ) {}

  /** Queues today's digests once the digest time (WITA) has come. Returns how many were queued. */
  async queueDigests(now: Date): Promise<number> {
    if (!digestDue(minutesInWita(now), this.options.digestAt)) return 0;
    const day = todayInZone(now);
    const rows = await run(
      this.db.manager,
      `SELECT n.id, n.kind, n.recipient_id, ua.notification_preferences
         FROM notification n
         INNER JOIN user_account ua ON ua.id = n.recipient_id AND ua.email IS NOT NULL
        WHERE n.delivery_id IS NULL AND n.read_at IS NULL AND n.created_at >= :since
          AND n.created_at <= :now AND ${userSeesNotificationSql('n', 'ua')}
          AND NOT EXISTS (SELECT 1 FROM notification_delivery d
                           WHERE d."key" = ${digestKeySql('n.recipient_id', ':day')})`,
      {
        since: sqlInstant(new Date(now.getTime() - DIGEST_WINDOW_MS)),
        now: sqlInstant(now),
        day,
      },
    );
    const perUser = new Map<string, string[]>();
    for (const r of rows) {
      const prefs = r.notification_preferences
        ? (JSON.parse(text(r.notification_preferences)) as Record<string, 'digest'>)
        : null;
      if (modeFor(prefs, text(r.kind)) !== 'digest') continue;
      const list = perUser.get(text(r.recipient_id)) ?? [];
      list.push(text(r.id));
      perUser.set(text(r.recipient_id), list);
    }
    if (perUser.size === 0) return 0;
    // Set-based, in one transaction: one digest row per user (another instance may have queued a
    // user's digest first: the insert skips it and that digest carries the items), then the items
    // of the digests this insert returned are linked to them, through the digest's unique key.
    const recipients = [...perUser.keys()].sort();
    return this.db.transaction(async (m) => {
      const ours = await insertMany(
        m,
        'notification_delivery',
        ['id', '"key"', 'mode', 'recipient_id', 'day', 'status', 'attempts', 'next_attempt_at'],
        recipients.map((r) => [
          orderedUuid(),
          digestKey(r, day),
          'digest',
          r,
          day,
          'pending',
          0,
          sqlInstant(now),
        ]),
        'ON CONFLICT ("key") DO NOTHING RETURNING recipient_id',
      );
      const items = ours.flatMap((r) => perUser.get(text(r.recipient_id)) ?? []);
      await queryIn(
        m,
        `UPDATE notification SET delivery_id = (SELECT d.id FROM notification_delivery d
            WHERE d."key" = ${digestKeySql('notification.recipient_id', ':f0')})
          WHERE delivery_id IS NULL AND id IN (:in)`,
        items,
        [day],
      );
      return ours.length;
    });
  }

  /** Sends what is due now; each e-mail is claimed first, so it is sent by one process only. */
  async deliver(now: Date, mailer: Mailer): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, failed: 0, retried: 0, skipped: 0 };
    const repo = this.db.getRepository(NotificationDelivery);
    const due = await repo.find({
      select: { id: true },
      where: [
        { status: 'pending', nextAttemptAt: LessThanOrEqual(now), leaseUntil: IsNull() },
        { status: 'pending', nextAttemptAt: LessThanOrEqual(now), leaseUntil: LessThan(now) },
      ],
      order: { nextAttemptAt: 'ASC' },
      take: BATCH,
    });
    for (const { id } of due) {
      if (!(await this.claim(id, now))) continue;
      const delivery = await repo.findOneByOrFail({ id });
      let outcome: keyof DeliveryReport;
      try {
        outcome = await this.sendOne(delivery, now, mailer);
      } catch (error) {
        outcome = await this.failed(delivery, now, error);
      }
      report[outcome]++;
    }
    return report;
  }

  private async claim(id: string, now: Date): Promise<boolean> {
    const result = await this.db
      .createQueryBuilder()
      .update(NotificationDelivery)
      .set({ leaseOwner: this.options.owner, leaseUntil: new Date(now.getTime() + LEASE_MS) })
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .andWhere('(lease_until IS NULL OR lease_until < :now)', { now: sqlInstant(now) })
      .execute();
    return result.affected === 1;
  }

  private async sendOne(
    d: NotificationDelivery,
    now: Date,
    mailer: Mailer,
  ): Promise<keyof DeliveryReport> {
    const user = await this.db.getRepository(User).findOneBy({ id: d.recipientId });
    const units = user?.email && user.active ? await this.itemsOf(d, user.language) : [];
    if (!user?.email || units.length === 0) {
      await this.finish(d, { status: 'skipped', lastError: 'nothing left to send' });
      return 'skipped';
    }
    const lang: Language = user.language === 'en' ? 'en' : 'id';
    const content =
      d.mode === 'digest'
        ? this.templates.digest(
            lang,
            { name: user.displayName },
            d.day,
            units,
            this.options.publicUrl,
          )
        : this.templates.immediate(
            lang,
            { name: user.displayName },
            units[0].name,
            units[0].items[0],
            this.options.publicUrl,
          );
    const host = new URL(this.options.publicUrl).hostname || 'mutu';
    await mailer.send({ to: user.email, ...content, messageId: `<${d.id}@${host}>` });
    await this.finish(d, { status: 'sent', sentAt: now, sentTo: user.email, lastError: null });
    return 'sent';
  }

  /** The delivery's items the recipient may still see, grouped by unit (a lost unit drops out). */
  private async itemsOf(d: NotificationDelivery, language: string): Promise<MailUnit[]> {
    const lang: Language = language === 'en' ? 'en' : 'id';
    const rows = await run(
      this.db.manager,
      `SELECT n.kind, n.params, n.url, u.name AS unit_name
         FROM notification n
         INNER JOIN unit u ON u.id = n.unit_id
         INNER JOIN user_account ua ON ua.id = n.recipient_id AND ${userSeesNotificationSql('n', 'ua')}
        WHERE n.delivery_id = :id
        ORDER BY u.name, n.created_at, n.id`,
      { id: d.id },
    );
    const units = new Map<string, MailUnit>();
    for (const r of rows) {
      const name = text(r.unit_name);
      const unit = units.get(name) ?? { name, items: [] };
      const params = (typeof r.params === 'string' ? JSON.parse(r.params) : r.params) as Record<
        string,
        string
      >;
      unit.items.push({
        kind: text(r.kind),
        url: text(r.url),
        title: notificationTitle(lang, text(r.kind), params),
      });
      units.set(name, unit);
    }
    return [...units.values()];
  }

  private async failed(
    d: NotificationDelivery,
    now: Date,
    error: unknown,
  ): Promise<keyof DeliveryReport> {
    const attempts = d.attempts + 1;
    const next = nextAttempt(attempts, now);
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await this.finish(d, {
      attempts,
      status: next ? 'pending' : 'failed',
      nextAttemptAt: next ?? d.nextAttemptAt,
      lastError: message,
    });
    return next ? 'retried' : 'failed';
  }

  /** Ends this process's claim with the outcome (only while it still holds the lease). */
  private async finish(
    d: NotificationDelivery,
    changes: Partial<NotificationDelivery>,
  ): Promise<void> {
    await this.db
      .createQueryBuilder()
      .update(NotificationDelivery)
      .set({ ...changes, leaseOwner: null, leaseUntil: null })
      .where('id = :id AND lease_owner = :owner', { id: d.id, owner: this.options.owner })
      .execute();
  }
}
