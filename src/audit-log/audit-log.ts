import type { EntityManager } from 'typeorm';
import { currentRequestId } from '../common/request-context.js';
import { AuditEvent, type FieldChanges } from './audit-event.entity.js';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string;
  organisationId?: string | null;
  unitId?: string | null;
  changes?: FieldChanges | null;
  requestId?: string | null;
}

/** The fields whose values differ between two versions of a record, as before → after. */
export function fieldChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): FieldChanges {
  const changes: FieldChanges = {};
  for (const key of Object.keys(after)) {
    const a = before ? before[key] : undefined;
    const b = after[key];
    if (JSON.stringify(a) !== JSON.stringify(b))
      changes[key] = { before: a ?? null, after: b ?? null };
  }
  return changes;
}

/** Writes an audit event with the caller's transaction manager, so it commits or rolls back with the change. */
export async function recordAudit(manager: EntityManager, entry: AuditEntry): Promise<AuditEvent> {
  const repo = manager.getRepository(AuditEvent);
  return repo.save(
    repo.create({
      occurredAt: new Date(),
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      organisationId: entry.organisationId ?? null,
      unitId: entry.unitId ?? null,
      changes: entry.changes ?? null,
      requestId: entry.requestId ?? currentRequestId(),
    }),
  );
}
