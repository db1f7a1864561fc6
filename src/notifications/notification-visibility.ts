import { entryAssigneeSql } from '../audit-programme/programme-sql.js';
import { userSeesUnitSql } from '../auth/scope.js';

/**
 * A notification its recipient may see through an assignment rather than the unit: an audit
 * planned, to an auditor assigned to that programme entry (lead or team), while they are assigned.
 * It names the entry, which they may open on the programme page; nothing else of the unit.
 * `n` is an alias of `notification`, `user` a user id expression (`ua.id`, `:me`).
 */
export const seenThroughAssignmentSql = (n: string, user: string): string =>
  `(${n}.kind = 'audit_planned' AND ${n}.record_id IN (SELECT CAST(asg_e.id AS VARCHAR(64))` +
  ` FROM audit_programme_entry asg_e WHERE ${entryAssigneeSql('asg_e', user)}))`;

/**
 * "The user row `ua` may see the notification row `n` now": its unit is in their scope, or it
 * reaches them through an assignment (above) and they are active. The digest and its sending use
 * it; the list and the bell use the same rule with the caller's scope (notifications.service.ts).
 */
export const userSeesNotificationSql = (n: string, ua: string): string =>
  `(${userSeesUnitSql(ua, `${n}.unit_id`)}` +
  ` OR (${ua}.active = TRUE AND ${seenThroughAssignmentSql(n, `${ua}.id`)}))`;
