import { userSeesUnitSql } from '../../auth/scope.js';
import { addDays, todayInZone } from '../../common/dates.js';
import { ANNUAL_NOTICE_DAYS, nextAnnualDue } from '../notification-rules.js';
import type { NotificationKind } from '../notification-types.js';
import type { NotificationCandidate, NotificationSource } from '../notification-source.js';
import { entryAssigneeSql, entryUrl } from '../../audit-programme/programme-sql.js';
import { LIVE_UNIT, officersOf, unionOf, unitHeadsOf } from './recipient-sql.js';
import { text, type Row } from './sql.js';

/** Days ahead that a planned internal audit is announced. */
export const AUDIT_NOTICE_DAYS = 14;
/** Days ahead that a management review action is announced. */
export const REVIEW_ACTION_NOTICE_DAYS = 7;

/**
 * A programme entry still planned (not started, not postponed) whose start falls in the next 14
 * days → the unit's officers and unit heads, and the auditors assigned to it (lead and team, active
 * users), whether or not they see the unit: the item links to the entry on the programme page,
 * which an assigned auditor may open (docs/NOTIFICATIONS.md, "Told through an assignment"). Once
 * per planned start (a moved audit is told again).
 */
export const auditPlanned: NotificationSource = {
  name: 'audit-planned',
  kinds: ['audit_planned'],
  query(now) {
    const today = todayInZone(now);
    const select = (recipients: string): string => `
      SELECT e.id, e.programme_id, e.unit_id, u.name AS unit_name,
             CAST(e.planned_start_on AS VARCHAR(10)) AS start_on, ua.id AS recipient_id
        FROM audit_programme_entry e
       INNER JOIN unit u ON u.id = e.unit_id AND u.withdrawn_at IS NULL
       ${recipients}
       WHERE e.status = 'planned' AND e.assessment_id IS NULL
         AND e.planned_start_on >= :today AND e.planned_start_on <= :until`;
    const assigned = `INNER JOIN user_account ua ON ua.active = TRUE AND ${entryAssigneeSql('e', 'ua.id')}`;
    return {
      sql: unionOf([officersOf('e.unit_id'), unitHeadsOf('e.unit_id'), assigned], select),
      params: { today, until: addDays(today, AUDIT_NOTICE_DAYS) },
    };
  },
  candidates: (rows) =>
    rows.map((r) => ({
      kind: 'audit_planned',
      recordId: text(r.id),
      recipientId: text(r.recipient_id),
      unitId: text(r.unit_id),
      dueOn: text(r.start_on),
      params: { date: text(r.start_on), unit: text(r.unit_name) },
      url: entryUrl(text(r.programme_id), text(r.id)),
    })),
};

/** Open management review actions (with a due date) and their recipients: officers and the owner. */
const openReviewActions = (where: string): string => {
  const select = (recipients: string): string => `
    SELECT dc.id, dc.unit_id, dc.action, CAST(dc.due_on AS VARCHAR(10)) AS due_on,
           ua.id AS recipient_id
      FROM management_review_decision dc ${recipients}
     WHERE dc.action IS NOT NULL AND dc.action_status = 'open' AND dc.due_on IS NOT NULL
       AND ${LIVE_UNIT('dc.unit_id')} AND ${where}`;
  return (
    select(officersOf('dc.unit_id')) +
    ' UNION ' +
    select(
      `INNER JOIN user_account ua ON ua.username = dc.owner AND ${userSeesUnitSql('ua', 'dc.unit_id')}`,
    )
  );
};

/** Action texts are free text: the title quotes at most the first 120 characters. */
const short = (s: string): string => (s.length > 120 ? `${s.slice(0, 119)}…` : s);

const reviewCandidate = (kind: NotificationKind, r: Row): NotificationCandidate => ({
  kind,
  recordId: text(r.id),
  recipientId: text(r.recipient_id),
  unitId: text(r.unit_id),
  dueOn: text(r.due_on),
  params: { action: short(text(r.action)), date: text(r.due_on) },
  url: `/units/${text(r.unit_id)}`,
});

/** Due in the next 7 days (today included) → once per due date. */
export const reviewActionDueSoon: NotificationSource = {
  name: 'review-action-due-soon',
  kinds: ['review_action_due_soon'],
  query: (now) => ({
    sql: openReviewActions('dc.due_on >= :today AND dc.due_on <= :until'),
    params: {
      today: todayInZone(now),
      until: addDays(todayInZone(now), REVIEW_ACTION_NOTICE_DAYS),
    },
  }),
  candidates: (rows) => rows.map((r) => reviewCandidate('review_action_due_soon', r)),
};

/** Past its due date and still open → once per due date. */
export const reviewActionOverdue: NotificationSource = {
  name: 'review-action-overdue',
  kinds: ['review_action_overdue'],
  query: (now) => ({
    sql: openReviewActions('dc.due_on < :today'),
    params: { today: todayInZone(now) },
  }),
  candidates: (rows) => rows.map((r) => reviewCandidate('review_action_overdue', r)),
};

/**
 * The yearly obligations of every unit: a management review 12 months after the last closed one,
 * an internal audit 12 months after the last reported one (notification-rules `nextAnnualDue`).
 * Due within 30 days or overdue → the unit's officers and unit heads, once per due date.
 */
export const annualObligationsDue: NotificationSource = {
  name: 'annual-obligations-due',
  kinds: ['management_review_due', 'internal_audit_due'],
  query() {
    const select = (recipients: string): string => `
      SELECT u.id AS unit_id, ua.id AS recipient_id,
             (SELECT MAX(CAST(r.held_on AS VARCHAR(10))) FROM management_review r
               WHERE r.unit_id = u.id AND r.state = 'closed') AS last_review,
             (SELECT MAX(CAST(COALESCE(a.ends_on, a.starts_on) AS VARCHAR(10))) FROM assessment a
               WHERE a.unit_id = u.id AND a.type = 'internal_audit' AND a.state = 'reported') AS last_audit
        FROM unit u ${recipients}
       WHERE u.withdrawn_at IS NULL`;
    return { sql: unionOf([officersOf('u.id'), unitHeadsOf('u.id')], select) };
  },
  candidates(rows, now) {
    const today = todayInZone(now);
    const horizon = addDays(today, ANNUAL_NOTICE_DAYS);
    const out: NotificationCandidate[] = [];
    for (const r of rows) {
      const obligations: [NotificationKind, unknown][] = [
        ['management_review_due', r.last_review],
        ['internal_audit_due', r.last_audit],
      ];
      for (const [kind, last] of obligations) {
        const due = nextAnnualDue(last ? text(last) : null, today);
        if (due > horizon) continue;
        out.push({
          kind,
          recordId: text(r.unit_id),
          recipientId: text(r.recipient_id),
          unitId: text(r.unit_id),
          dueOn: due,
          params: { date: due },
          url: `/units/${text(r.unit_id)}`,
        });
      }
    }
    return out;
  },
};
