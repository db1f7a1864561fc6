import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { recordAudit } from '../audit-log/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { Clock } from '../common/clock.js';
import { NotFound } from '../common/domain-error.js';
import type { Page } from '../common/pagination.js';
import type { Language } from '../i18n/i18n.js';
import { NotificationDelivery } from './notification-delivery.entity.js';
import { notificationTitle } from './notification-text.js';
import type { NotificationListQuery } from './notifications.dto.js';
import { seenThroughAssignmentSql } from './notification-visibility.js';
import { Notification } from './notification.entity.js';

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  url: string;
  createdAt: Date;
  readAt: Date | null;
}

export type NotificationPage = Page<NotificationView> & { unread: number };

export interface DeliveryProblem {
  id: string;
  recipient: string;
  mode: string;
  day: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
}

const view = (n: Notification, lang: Language): NotificationView => ({
  id: n.id,
  kind: n.kind,
  title: notificationTitle(lang, n.kind, n.params),
  url: n.url,
  createdAt: n.createdAt,
  readAt: n.readAt,
});

/**
 * The caller's notifications. Every read and write is the caller's own (recipient) and restricted
 * to the units the caller may see now, inside the query: an item of a unit they lost drops out at
 * once, another user's id is simply not found.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
  ) {}

  /** The caller's own, of a unit they see now or reaching them through an assignment. */
  private mine(me: Principal, m: EntityManager = this.db.manager) {
    const unit = this.scope.predicate(me, 'n.unit_id');
    return m
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.recipientId = :me', { me: me.id })
      .andWhere(`(${unit.sql} OR ${seenThroughAssignmentSql('n', ':me')})`, unit.params);
  }

  async list(me: Principal, q: NotificationListQuery, lang: Language): Promise<NotificationPage> {
    const qb = this.mine(me);
    if (q.unread) qb.andWhere('n.readAt IS NULL');
    const [rows, total] = await qb
      .orderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return {
      items: rows.map((n) => view(n, lang)),
      total,
      page: q.page,
      pageSize: q.pageSize,
      unread: await this.unreadCount(me),
    };
  }

  unreadCount(me: Principal): Promise<number> {
    return this.mine(me).andWhere('n.readAt IS NULL').getCount();
  }

  async markRead(me: Principal, id: string, lang: Language): Promise<NotificationView> {
    return this.db.transaction(async (m) => {
      const n = await this.mine(me, m).andWhere('n.id = :id', { id }).getOne();
      if (!n) throw new NotFound('notification', id);
      if (!n.readAt) {
        n.readAt = this.clock.now();
        await m
          .getRepository(Notification)
          .update({ id: n.id, readAt: IsNull() }, { readAt: n.readAt });
        await recordAudit(m, {
          actorId: me.id,
          action: 'notification.read',
          entity: 'notification',
          entityId: n.id,
          unitId: n.unitId,
        });
      }
      return view(n, lang);
    });
  }

  async markAllRead(me: Principal): Promise<{ marked: number; unread: number }> {
    return this.db.transaction(async (m) => {
      const now = this.clock.now();
      const ids = (
        await this.mine(me, m).andWhere('n.readAt IS NULL').select('n.id').getMany()
      ).map((n) => n.id);
      for (let i = 0; i < ids.length; i += 500)
        await m
          .getRepository(Notification)
          .createQueryBuilder()
          .update()
          .set({ readAt: now })
          .where('id IN (:...ids) AND read_at IS NULL', { ids: ids.slice(i, i + 500) })
          .execute();
      if (ids.length > 0)
        await recordAudit(m, {
          actorId: me.id,
          action: 'notification.read_all',
          entity: 'user',
          entityId: me.id,
          changes: { read: { before: null, after: ids.length } },
        });
      return { marked: ids.length, unread: 0 };
    });
  }

  /** E-mails that failed or are being retried after a refusal, for the administrator (their organisation's users). */
  async deliveryProblems(me: Principal): Promise<DeliveryProblem[]> {
    const qb = this.db
      .getRepository(NotificationDelivery)
      .createQueryBuilder('d')
      .innerJoinAndSelect('d.recipient', 'u')
      .where("(d.status = 'failed' OR (d.status = 'pending' AND d.lastError IS NOT NULL))");
    if (me.organisationId) qb.andWhere('u.organisationId = :org', { org: me.organisationId });
    const rows = await qb.orderBy('d.updatedAt', 'DESC').take(200).getMany();
    return rows.map((d) => ({
      id: d.id,
      recipient: d.recipient?.username ?? '',
      mode: d.mode,
      day: d.day,
      status: d.status,
      attempts: d.attempts,
      nextAttemptAt: d.nextAttemptAt,
      lastError: d.lastError,
    }));
  }
}
