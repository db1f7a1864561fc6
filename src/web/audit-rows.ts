import type { AuditEventView } from '../audit-log/audit-log.service.js';
import { can } from '../auth/permissions.js';
import type { Role } from '../auth/role.js';
import { translate, type Language } from '../i18n/i18n.js';

/** Entities of the audit trail a reader can filter by, in the order of the filter list. */
export const AUDITED_ENTITIES = [
  'unit',
  'user',
  'assessment',
  'evidence',
  'finding',
  'report',
  'session',
  'organisation',
] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_VALUE = 120;

export interface AuditRow {
  occurredAt: Date;
  actor: AuditEventView['actor'];
  action: string;
  actionLabel: string;
  entityLabel: string;
  link: string | null;
  changes: { field: string; before: string | null; after: string }[];
}

/** The translation of `key`, or `fallback` (the stored name) when there is none. */
function label(lang: Language, key: string, fallback: string): string {
  const text = translate(lang, key);
  return text === key ? fallback : text;
}

/** A changed value as one short line of text: lists joined, long texts cut. */
export function showValue(value: unknown): string {
  const text =
    value === null || value === undefined
      ? '–'
      : typeof value === 'string'
        ? value
        : Array.isArray(value)
          ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')
          : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** Where the changed record is shown, for the roles that have a page for it. */
function linkTo(entity: string, id: string, role: Role): string | null {
  if (!UUID.test(id)) return null;
  switch (entity) {
    case 'unit':
      return can(role, 'units.manage') ? `/admin/units/${id}` : `/units/${id}`;
    case 'user':
      return can(role, 'users.manage') ? `/admin/users/${id}` : null;
    case 'assessment':
      return `/assessments/${id}`;
    case 'evidence':
      return `/evidence/${id}`;
    case 'finding':
      return `/findings/${id}`;
    case 'report':
      return `/api/reports/${id}/file`;
    default:
      return null;
  }
}

/** One line of the audit page: what happened, in the reader's language, and what changed. */
export function auditRow(e: AuditEventView, lang: Language, role: Role): AuditRow {
  const entityName = label(lang, `entity.${e.entity}`, e.entity);
  return {
    occurredAt: e.occurredAt,
    actor: e.actor,
    action: e.action,
    actionLabel: label(lang, `audit.action.${e.action}`, e.action),
    entityLabel: `${entityName} ${UUID.test(e.entityId) ? e.entityId.slice(0, 8) : e.entityId}`,
    link: linkTo(e.entity, e.entityId, role),
    changes: Object.entries(e.changes ?? {}).map(([field, change]) => ({
      field: label(lang, `audit.field.${field}`, field),
      before:
        change.before === null || change.before === undefined ? null : showValue(change.before),
      after: showValue(change.after),
    })),
  };
}
