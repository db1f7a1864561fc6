/**
 * The rules of notifications, pure: keys, retry backoff, recurring obligations, the digest's hour.
 */

/** The unique key of a notification: one per kind, record, recipient and due day. */
export const notificationKey = (c: {
  kind: string;
  recordId: string;
  recipientId: string;
  dueOn: string;
}): string => `${c.kind}|${c.recordId}|${c.recipientId}|${c.dueOn}`;

export const digestKey = (recipientId: string, day: string): string =>
  `digest|${recipientId}|${day}`;
/** The same key as SQL, of a recipient id and a day expression (both engines). */
export const digestKeySql = (recipientId: string, day: string): string =>
  `'digest|' || ${recipientId} || '|' || ${day}`;
export const immediateKey = (notificationId: string): string => `immediate|${notificationId}`;

/** Waits after the 1st, 2nd … failed attempt; after the last one the e-mail is `failed`. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 6 * 3600_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** After `attempts` failed tries: when to try again, or null when it has failed for good. */
export function nextAttempt(attempts: number, now: Date): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  return new Date(now.getTime() + RETRY_DELAYS_MS[Math.max(0, attempts - 1)]);
}

/**
 * SKM (Permenpan RB 14/2017) is held every semester: a survey of the semester ending `lastEndsOn`
 * makes the next one due at the end of the following semester; a unit without any is due at the
 * end of the current one. Semesters end on 30 June and 31 December.
 */
export function nextSurveyDue(lastEndsOn: string | null, today: string): string {
  const semesterEnd = (day: string): string =>
    day.slice(5) <= '06-30' ? `${day.slice(0, 4)}-06-30` : `${day.slice(0, 4)}-12-31`;
  if (lastEndsOn === null) return semesterEnd(today);
  const end = semesterEnd(lastEndsOn);
  return end.endsWith('06-30')
    ? `${end.slice(0, 4)}-12-31`
    : `${Number(end.slice(0, 4)) + 1}-06-30`;
}

/** Days ahead that a due survey is announced. */
export const SURVEY_NOTICE_DAYS = 30;

/** "HH:MM" (24 h) → minutes after midnight, or null when it is not a time of day. */
export function parseTimeOfDay(value: string): number | null {
  const match = /^([01]\d|2[0-3])[:.]([0-5]\d)$/.exec(value.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** Whether a day's digest is due at `minutesNow` (WITA, minutes after midnight). */
export const digestDue = (minutesNow: number, digestAt: number): boolean => minutesNow >= digestAt;

/**
 * A yearly obligation (management review, internal audit): due one year after the last
 * occurrence (29 February → 28 February); a unit that never held one is due by the end of the
 * current year, a stable day so that it is told once, not every day.
 */
export function nextAnnualDue(last: string | null, today: string): string {
  if (last === null) return `${today.slice(0, 4)}-12-31`;
  const rest = last.slice(4) === '-02-29' ? '-02-28' : last.slice(4);
  return `${Number(last.slice(0, 4)) + 1}${rest}`;
}

/** Days ahead that a yearly obligation is announced. */
export const ANNUAL_NOTICE_DAYS = 30;
