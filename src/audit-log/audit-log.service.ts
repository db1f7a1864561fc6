import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import type { Page } from '../common/pagination.js';
import { AuditEvent, type FieldChanges } from './audit-event.entity.js';
import type { AuditEventsQuery } from './audit-events.dto.js';
import { administers } from '../auth/principal-rules.js';

export interface AuditEventView {
  id: string;
  occurredAt: Date;
  actor: { id: string; username: string; displayName: string } | null;
  action: string;
  entity: string;
  entityId: string;
  unitId: string | null;
  changes: FieldChanges | null;
  requestId: string | null;
}

/** Reads the append-only audit trail; nothing here (or anywhere) changes or deletes events. */
@Injectable()
export class AuditLogService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
  ) {}

  async list(me: Principal, query: AuditEventsQuery): Promise<Page<AuditEventView>> {
    const q = this.db
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .leftJoin('e.actor', 'actor')
      .addSelect(['actor.id', 'actor.username', 'actor.displayName']);
    const orgs = this.scope.visibleOrganisationIds(me);
    const units = this.scope.predicate(me, 'e.unitId');
    q.where(
      new Brackets((w) => {
        w.where('e.actorId = :me', { me: me.id });
        w.orWhere(units.sql, units.params);
        if (administers(me)) {
          if (orgs === 'all') w.orWhere('1 = 1');
          else if (orgs.length) w.orWhere('e.organisationId IN (:...orgs)', { orgs });
        }
      }),
    );
    if (query.entity) q.andWhere('e.entity = :entity', { entity: query.entity });
    if (query.entityId) q.andWhere('e.entityId = :entityId', { entityId: query.entityId });
    if (query.actor) q.andWhere('e.actorId = :actor', { actor: query.actor });
    if (query.since) q.andWhere('e.occurredAt >= :since', { since: new Date(query.since) });
    if (query.until) q.andWhere('e.occurredAt < :until', { until: new Date(query.until) });
    const [rows, total] = await q
      .orderBy('e.occurredAt', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return {
      items: rows.map((e) => ({
        id: e.id,
        occurredAt: e.occurredAt,
        actor: e.actor
          ? { id: e.actor.id, username: e.actor.username, displayName: e.actor.displayName }
          : null,
        action: e.action,
        entity: e.entity,
        entityId: e.entityId,
        unitId: e.unitId,
        changes: e.changes,
        requestId: e.requestId,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
