import { addDays, todayInZone } from '../../common/dates.js';
import { nextSurveyDue, SURVEY_NOTICE_DAYS } from '../notification-rules.js';
import type { NotificationCandidate, NotificationSource } from '../notification-source.js';
import { officersOf } from './recipient-sql.js';
import { text } from './sql.js';

/**
 * The recurring SKM obligation: every semester, from the unit's last survey (notification-rules
 * `nextSurveyDue`). Due within 30 days or overdue → the unit's officers, once per due date.
 */
export const surveyDue: NotificationSource = {
  name: 'survey-due',
  kinds: ['survey_due'],
  query: () => ({
    sql: `SELECT u.id AS unit_id, u.code, ua.id AS recipient_id,
                 (SELECT CAST(MAX(s.period_ends_on) AS VARCHAR(10)) FROM satisfaction_survey s
                   WHERE s.unit_id = u.id) AS last_ends_on
            FROM unit u ${officersOf('u.id')}
           WHERE u.withdrawn_at IS NULL`,
  }),
  candidates(rows, now) {
    const today = todayInZone(now);
    const horizon = addDays(today, SURVEY_NOTICE_DAYS);
    const out: NotificationCandidate[] = [];
    for (const r of rows) {
      const due = nextSurveyDue(r.last_ends_on ? text(r.last_ends_on) : null, today);
      if (due > horizon) continue;
      out.push({
        kind: 'survey_due',
        recordId: text(r.unit_id),
        recipientId: text(r.recipient_id),
        unitId: text(r.unit_id),
        dueOn: due,
        params: { date: due },
        url: `/units/${text(r.unit_id)}/satisfaction`,
      });
    }
    return out;
  },
};
