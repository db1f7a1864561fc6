import {
  dueOn,
  isPeriodKey,
  lastDuePeriod,
  meetsTarget,
  nextDueDay,
  periodBounds,
  periodOfDay,
  trackState,
  unmeasured,
} from './objective-rules.js';
import type { Frequency } from './objective-types.js';

describe('period keys', () => {
  it.each<[Frequency, string, boolean]>([
    ['monthly', '2026-01', true],
    ['monthly', '2026-12', true],
    ['monthly', '2026-13', false],
    ['monthly', '2026-Q1', false],
    ['quarterly', '2026-Q4', true],
    ['quarterly', '2026-Q5', false],
    ['semester', '2026-S2', true],
    ['semester', '2026-S3', false],
    ['semester', '2026', false],
  ])('%s %s is %p', (frequency, key, ok) => expect(isPeriodKey(frequency, key)).toBe(ok));

  it.each<[Frequency, string, string, string]>([
    ['monthly', '2026-02', '2026-02-01', '2026-02-28'],
    ['monthly', '2028-02', '2028-02-01', '2028-02-29'],
    ['monthly', '2026-12', '2026-12-01', '2026-12-31'],
    ['quarterly', '2026-Q2', '2026-04-01', '2026-06-30'],
    ['quarterly', '2026-Q4', '2026-10-01', '2026-12-31'],
    ['semester', '2026-S1', '2026-01-01', '2026-06-30'],
    ['semester', '2026-S2', '2026-07-01', '2026-12-31'],
  ])('%s %s runs %s–%s', (frequency, key, startsOn, endsOn) =>
    expect(periodBounds(frequency, key)).toEqual({ startsOn, endsOn }),
  );

  it.each<[Frequency, string, string]>([
    ['monthly', '2026-12-02', '2026-12'],
    ['quarterly', '2026-12-02', '2026-Q4'],
    ['quarterly', '2026-04-01', '2026-Q2'],
    ['semester', '2026-06-30', '2026-S1'],
  ])('%s period of %s is %s', (frequency, day, key) =>
    expect(periodOfDay(frequency, day)).toBe(key),
  );
});

describe('the last due period at a day (due 30 days after the period ends)', () => {
  it.each<[Frequency, string, string, string | null]>([
    // November 2026 ends on the 30th, due 30 December: on 2 December October is the last due.
    ['monthly', '2026-01', '2026-12-02', '2026-10'],
    ['monthly', '2026-01', '2026-12-30', '2026-11'],
    ['monthly', '2026-01', '2026-12-29', '2026-10'],
    ['monthly', '2026-11', '2026-12-02', null],
    ['quarterly', '2026-Q1', '2026-12-02', '2026-Q3'],
    ['quarterly', '2026-Q1', '2026-10-30', '2026-Q3'],
    ['quarterly', '2026-Q1', '2026-10-29', '2026-Q2'],
    ['semester', '2025-S1', '2026-12-02', '2026-S1'],
    ['semester', '2026-S2', '2026-12-02', null],
    ['semester', '2025-S1', '2026-01-30', '2025-S2'],
  ])('%s from %s on %s: %p', (frequency, first, today, expected) =>
    expect(lastDuePeriod(frequency, first, today)).toBe(expected),
  );

  it.each<[Frequency, string, string, string]>([
    ['monthly', '2026-01', '2026-12-02', '2026-12-30'],
    ['monthly', '2026-12', '2026-12-02', '2027-01-30'],
    ['quarterly', '2026-Q1', '2026-12-02', '2027-01-30'],
    ['semester', '2026-S1', '2026-12-02', '2027-01-30'],
  ])('%s from %s on %s: the next falls due %s', (frequency, first, today, expected) =>
    expect(nextDueDay(frequency, first, today)).toBe(expected),
  );

  it('due day of a semester', () => expect(dueOn('semester', '2026-S1')).toBe('2026-07-30'));
});

describe('on track', () => {
  it.each([
    ['at_least', 100, 100, true],
    ['at_least', 100, 99.5, false],
    ['at_most', 60, 60, true],
    ['at_most', 60, 61, false],
  ] as const)('%s %p with %p: %p', (direction, target, value, ok) =>
    expect(meetsTarget(direction, target, value)).toBe(ok),
  );

  it.each([
    ['no measurement', [], 'no_data'],
    [
      'latest meets',
      [
        { period: '2026-09', value: 75 },
        { period: '2026-10', value: 55 },
      ],
      'on_track',
    ],
    [
      'latest misses, given first',
      [
        { period: '2026-10', value: 70 },
        { period: '2026-09', value: 50 },
      ],
      'off_track',
    ],
  ] as const)('%s', (_what, measurements, expected) =>
    expect(trackState('at_most', 60, measurements)).toBe(expected),
  );
});

it('names objectives whose last due period is not measured', () => {
  expect(
    unmeasured(
      [
        { code: 'SM-01', frequency: 'monthly', firstPeriod: '2026-01', measured: ['2026-10'] },
        { code: 'SM-02', frequency: 'monthly', firstPeriod: '2026-01', measured: ['2026-09'] },
        { code: 'SM-03', frequency: 'semester', firstPeriod: '2026-S2', measured: [] },
      ],
      '2026-12-02',
    ),
  ).toEqual(['SM-02']);
});
