import { instant, sqlInstant, text } from './sql.js';
import { addDays, todayInZone } from '../../common/dates.js';
import type { NotificationSource } from '../notification-source.js';
import { userSeesUnitSql } from '../../auth/scope.js';
import { LIVE_UNIT, officersOf } from './recipient-sql.js';

/** Evidence rejected → its uploader (if they still see the unit); the day of the review. */
export const evidenceRejected: NotificationSource = {
  name: 'evidence-rejected',
  kinds: ['evidence_rejected'],
  query: (now) => ({
    sql: `SELECT e.id, e.unit_id, e.title, e.reviewed_at AS at, ua.id AS recipient_id
            FROM evidence e
            INNER JOIN user_account ua ON ua.id = e.created_by_id AND ${userSeesUnitSql('ua', 'e.unit_id')}
           WHERE e.status = 'rejected' AND e.withdrawn_at IS NULL AND e.reviewed_at >= :since
             AND ${LIVE_UNIT('e.unit_id')}`,
    params: { since: sqlInstant(new Date(now.getTime() - 30 * 24 * 3600_000)) },
  }),
  candidates: (rows) =>
    rows.map((r) => ({
      kind: 'evidence_rejected',
      recordId: text(r.id),
      recipientId: text(r.recipient_id),
      unitId: text(r.unit_id),
      dueOn: todayInZone(instant(r.at)),
      params: { title: text(r.title) },
      url: `/evidence/${text(r.id)}`,
    })),
};

/** Evidence submitted and not yet reviewed → the assessors of the unit's open assessments. */
export const evidenceWaitingReview: NotificationSource = {
  name: 'evidence-waiting-review',
  kinds: ['evidence_waiting_review'],
  query: () => ({
    sql: `SELECT DISTINCT e.id, e.unit_id, e.title, e.created_at AS at, ua.id AS recipient_id
            FROM evidence e
            INNER JOIN assessment a ON a.unit_id = e.unit_id AND a.state <> 'reported'
            INNER JOIN assessment_assessor aa ON aa.assessment_id = a.id
            INNER JOIN user_account ua ON ua.id = aa.user_id AND ua.role = 'assessor' AND ua.active = TRUE
           WHERE e.status = 'submitted' AND e.withdrawn_at IS NULL AND ${LIVE_UNIT('e.unit_id')}`,
  }),
  candidates: (rows) =>
    rows.map((r) => ({
      kind: 'evidence_waiting_review',
      recordId: text(r.id),
      recipientId: text(r.recipient_id),
      unitId: text(r.unit_id),
      dueOn: todayInZone(instant(r.at)),
      params: { title: text(r.title) },
      url: `/evidence/${text(r.id)}`,
    })),
};

/** Days before its end date that accepted evidence is announced as expiring. */
export const EXPIRY_NOTICE_DAYS = 30;

/** Accepted evidence whose validity ends within 30 days, or has ended → the unit's officers, once per end date. */
export const evidenceExpiring: NotificationSource = {
  name: 'evidence-expiring',
  kinds: ['evidence_expiring'],
  query: (now) => ({
    sql: `SELECT e.id, e.unit_id, e.title, CAST(e.valid_until AS VARCHAR(10)) AS valid_until, ua.id AS recipient_id
            FROM evidence e ${officersOf('e.unit_id')}
           WHERE e.status = 'accepted' AND e.withdrawn_at IS NULL
             AND e.valid_until <= :to AND ${LIVE_UNIT('e.unit_id')}`,
    params: { to: addDays(todayInZone(now), EXPIRY_NOTICE_DAYS) },
  }),
  candidates: (rows) =>
    rows.map((r) => ({
      kind: 'evidence_expiring',
      recordId: text(r.id),
      recipientId: text(r.recipient_id),
      unitId: text(r.unit_id),
      dueOn: text(r.valid_until),
      params: { title: text(r.title), date: text(r.valid_until) },
      url: `/evidence/${text(r.id)}`,
    })),
};
