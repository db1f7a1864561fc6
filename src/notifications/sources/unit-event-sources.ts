import { todayInZone } from '../../common/dates.js';
import type { NotificationSource } from '../notification-source.js';
import { LIVE_UNIT, officersAndManagementOf, unionOf } from './recipient-sql.js';
import { instant, sqlInstant, text } from './sql.js';

const RECENT_MS = 30 * 24 * 3600_000;
const since = (now: Date) => ({ since: sqlInstant(new Date(now.getTime() - RECENT_MS)) });

/** A finding raised on a unit in the last 30 days → the unit's officers and management. */
export const findingRaised: NotificationSource = {
  name: 'finding-raised',
  kinds: ['finding_raised'],
  query: (now) => ({
    sql: unionOf(
      officersAndManagementOf('a.unit_id'),
      (recipients) => `
      SELECT f.id, f.number, f.grade, f.created_at, a.unit_id, ua.id AS recipient_id
        FROM finding f
        INNER JOIN assessment a ON a.id = f.assessment_id
        ${recipients}
       WHERE f.created_at >= :since AND ${LIVE_UNIT('a.unit_id')}`,
    ),
    params: since(now),
  }),
  candidates: (rows) =>
    rows.map((r) => ({
      kind: 'finding_raised',
      recordId: text(r.id),
      recipientId: text(r.recipient_id),
      unitId: text(r.unit_id),
      dueOn: todayInZone(instant(r.created_at)),
      params: { finding: `T-${String(r.number).padStart(2, '0')}`, grade: text(r.grade) },
      url: `/findings/${text(r.id)}`,
    })),
};

/** A report issued for a unit in the last 30 days → the unit's officers and management. */
export const reportIssued: NotificationSource = {
  name: 'report-issued',
  kinds: ['report_issued'],
  query: (now) => ({
    sql: unionOf(
      officersAndManagementOf('r.unit_id'),
      (recipients) => `
      SELECT r.id, r.number, r.issued_at, r.unit_id, ua.id AS recipient_id
        FROM issued_report r
        ${recipients}
       WHERE r.issued_at >= :since AND ${LIVE_UNIT('r.unit_id')}`,
    ),
    params: since(now),
  }),
  candidates: (rows) =>
    rows.map((r) => ({
      kind: 'report_issued',
      recordId: text(r.id),
      recipientId: text(r.recipient_id),
      unitId: text(r.unit_id),
      dueOn: todayInZone(instant(r.issued_at)),
      params: { number: text(r.number) },
      url: `/api/reports/${text(r.id)}/file`,
    })),
};
