import {
  digestDue,
  MAX_ATTEMPTS,
  nextAttempt,
  nextAnnualDue,
  nextSurveyDue,
  notificationKey,
  parseTimeOfDay,
} from './notification-rules.js';
import { modeFor } from './notification-types.js';

describe('notification rules', () => {
  it('keys a notification by kind, record, recipient and day', () => {
    expect(
      notificationKey({
        kind: 'action_overdue',
        recordId: 'a',
        recipientId: 'u',
        dueOn: '2026-12-01',
      }),
    ).toBe('action_overdue|a|u|2026-12-01');
  });

  it.each([
    // last survey period ends on, today, next due
    [null, '2026-12-02', '2026-12-31'],
    [null, '2026-03-10', '2026-06-30'],
    ['2026-06-30', '2026-12-02', '2026-12-31'],
    ['2025-12-31', '2026-12-02', '2026-06-30'],
    ['2026-12-31', '2026-12-02', '2027-06-30'],
    ['2026-03-31', '2026-04-01', '2026-12-31'],
  ])('SKM every semester: last %s, today %s → due %s', (last, today, due) => {
    expect(nextSurveyDue(last, today)).toBe(due);
  });

  it.each([
    // last review held / audit reported on, today, next due
    [null, '2026-12-02', '2026-12-31'],
    [null, '2027-01-05', '2027-12-31'],
    ['2025-12-10', '2026-12-02', '2026-12-10'],
    ['2025-01-15', '2026-12-02', '2026-01-15'],
    ['2024-02-29', '2026-12-02', '2025-02-28'],
    ['2026-11-30', '2026-12-02', '2027-11-30'],
  ])('yearly obligation: last %s, today %s → due %s', (last, today, due) => {
    expect(nextAnnualDue(last, today)).toBe(due);
  });

  it.each([
    [1, 60_000],
    [2, 5 * 60_000],
    [3, 30 * 60_000],
    [4, 2 * 3600_000],
    [5, 6 * 3600_000],
  ])('after %i failed attempts the next is %i ms later', (attempts, wait) => {
    const now = new Date('2026-12-02T00:00:00Z');
    expect(nextAttempt(attempts, now)!.getTime() - now.getTime()).toBe(wait);
  });

  it('gives up after the last attempt', () => {
    expect(nextAttempt(MAX_ATTEMPTS, new Date())).toBeNull();
  });

  it.each([
    ['07:00', 420],
    ['7:00', null],
    ['06.30', 390],
    ['23:59', 1439],
    ['24:00', null],
    ['', null],
  ])('reads the digest time %j as %j minutes', (text, minutes) => {
    expect(parseTimeOfDay(text)).toBe(minutes);
    if (minutes !== null) {
      expect(digestDue(minutes - 1, minutes)).toBe(false);
      expect(digestDue(minutes, minutes)).toBe(true);
    }
  });

  it.each([
    // preferences, kind, mode
    [null, 'evidence_rejected', 'immediate'],
    [null, 'action_overdue', 'digest'],
    [{ evidence_rejected: 'digest' }, 'evidence_rejected', 'digest'],
    [{ action_overdue: 'off' }, 'action_overdue', 'off'],
    // Only what cannot wait is mailed at once; a wish for more falls back to the digest.
    [{ action_overdue: 'immediate' }, 'action_overdue', 'digest'],
  ] as const)('preferences %j for %s → %s', (prefs, kind, mode) => {
    expect(modeFor(prefs, kind)).toBe(mode);
  });
});
