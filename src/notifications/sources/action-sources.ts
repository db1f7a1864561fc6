import { addDays, todayInZone } from '../../common/dates.js';
import type { NotificationKind } from '../notification-types.js';
import type { NotificationCandidate, NotificationSource } from '../notification-source.js';
import { userSeesUnitSql } from '../../auth/scope.js';
import { LIVE_UNIT, officersOf } from './recipient-sql.js';
import { instant, sqlInstant, text, type Row } from './sql.js';

/**
 * Corrective actions (planned, not yet verified or closed) with their unit, finding number and the
 * recipients: the unit's officers, and the owner when the owner names a user (by user name) who
 * sees the unit.
 */
const openActions = (where: string): string => {
  const select = (recipients: string): string => `
  SELECT ca.id, ca.finding_id, CAST(ca.due_on AS VARCHAR(10)) AS due_on, ca.planned_at,
         f.number, a.unit_id, ua.id AS recipient_id
    FROM corrective_action ca
    INNER JOIN finding f ON f.id = ca.finding_id
    INNER JOIN assessment a ON a.id = f.assessment_id
    ${recipients}
   WHERE f.state NOT IN ('verified', 'closed') AND ca.action IS NOT NULL
     AND ${LIVE_UNIT('a.unit_id')} AND ${where}`;
  // Two indexed joins, not one OR over every user: officers by user_unit, the owner by user name.
  return (
    select(officersOf('a.unit_id')) +
    ' UNION ' +
    select(
      `INNER JOIN user_account ua ON ua.username = ca.owner AND ${userSeesUnitSql('ua', 'a.unit_id')}`,
    )
  );
};

const number = (n: unknown): string => `T-${String(n).padStart(2, '0')}`;

function candidate(kind: NotificationKind, r: Row, dueOn: string): NotificationCandidate {
  return {
    kind,
    recordId: text(r.id),
    recipientId: text(r.recipient_id),
    unitId: text(r.unit_id),
    dueOn,
    params: { finding: number(r.number), date: r.due_on ? text(r.due_on) : '' },
    url: `/findings/${text(r.finding_id)}`,
  };
}

/** A corrective action planned (assigned) in the last 30 days: the day it was planned. */
export const actionAssigned: NotificationSource = {
  name: 'action-assigned',
  kinds: ['action_assigned'],
  query: (now) => ({
    sql: openActions('ca.planned_at >= :since'),
    params: { since: sqlInstant(new Date(now.getTime() - 30 * 24 * 3600_000)) },
  }),
  candidates: (rows) =>
    rows.map((r) => candidate('action_assigned', r, todayInZone(instant(r.planned_at)))),
};

/** Due in the next 7 days (today included) → once per due date. */
export const actionDueSoon: NotificationSource = {
  name: 'action-due-soon',
  kinds: ['action_due_soon'],
  query: (now) => ({
    sql: openActions('ca.due_on >= :today AND ca.due_on <= :until'),
    params: { today: todayInZone(now), until: addDays(todayInZone(now), 7) },
  }),
  candidates: (rows) => rows.map((r) => candidate('action_due_soon', r, text(r.due_on))),
};

/** Past its due date and still open → once per due date (a new due date is told again). */
export const actionOverdue: NotificationSource = {
  name: 'action-overdue',
  kinds: ['action_overdue'],
  query: (now) => ({ sql: openActions('ca.due_on < :today'), params: { today: todayInZone(now) } }),
  candidates: (rows) => rows.map((r) => candidate('action_overdue', r, text(r.due_on))),
};
