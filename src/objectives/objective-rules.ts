import { addDays } from '../common/dates.js';
import type { Direction, Frequency, TrackState } from './objective-types.js';

/**
 * Periods and the on-track rule of a quality objective. A period is written as its key:
 * monthly 2026-01, quarterly 2026-Q1, semester 2026-S1. A measurement for a period falls due
 * DUE_AFTER_DAYS days after the period ends (the data of the last day needs time to be counted);
 * days are calendar days in Kupang (WITA), as everywhere in Mutu.
 */
export const DUE_AFTER_DAYS = 30;

const MONTHS_PER: Record<Frequency, number> = { monthly: 1, quarterly: 3, semester: 6 };
const PATTERN: Record<Frequency, RegExp> = {
  monthly: /^(\d{4})-(0[1-9]|1[0-2])$/,
  quarterly: /^(\d{4})-Q([1-4])$/,
  semester: /^(\d{4})-S([12])$/,
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Index of a period counted from year 0 (in periods of the frequency), or null for a wrong key. */
export function periodIndex(frequency: Frequency, key: string): number | null {
  const m = PATTERN[frequency].exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900 || year > 9000) return null;
  return year * (12 / MONTHS_PER[frequency]) + Number(m[2]) - 1;
}

export const isPeriodKey = (frequency: Frequency, key: string): boolean =>
  periodIndex(frequency, key) !== null;

/** The key of the period with an index (inverse of periodIndex). */
export function periodKey(frequency: Frequency, index: number): string {
  const perYear = 12 / MONTHS_PER[frequency];
  const year = Math.floor(index / perYear);
  const n = index - year * perYear + 1;
  const prefix = { monthly: '', quarterly: 'Q', semester: 'S' }[frequency];
  return `${pad(year, 4)}-${prefix}${frequency === 'monthly' ? pad(n) : n}`;
}

/** First and last calendar day of a period. */
export function periodBounds(
  frequency: Frequency,
  key: string,
): { startsOn: string; endsOn: string } {
  const index = periodIndex(frequency, key);
  if (index === null) throw new RangeError(`Not a ${frequency} period: ${key}`);
  const months = MONTHS_PER[frequency];
  const perYear = 12 / months;
  const year = Math.floor(index / perYear);
  const firstMonth = (index - year * perYear) * months + 1;
  const startsOn = `${pad(year, 4)}-${pad(firstMonth)}-01`;
  const next =
    firstMonth + months > 12
      ? `${pad(year + 1, 4)}-01-01`
      : `${pad(year, 4)}-${pad(firstMonth + months)}-01`;
  return { startsOn, endsOn: addDays(next, -1) };
}

/** The period that holds a day. */
export function periodOfDay(frequency: Frequency, day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const months = MONTHS_PER[frequency];
  return periodKey(frequency, year * (12 / months) + Math.floor((month - 1) / months));
}

/** The day a period's measurement falls due (DUE_AFTER_DAYS after its last day). */
export const dueOn = (frequency: Frequency, key: string): string =>
  addDays(periodBounds(frequency, key).endsOn, DUE_AFTER_DAYS);

/**
 * The latest period whose measurement is due on `today` (its due day is today or earlier), not
 * before the objective's first period; null while the first period is not yet due.
 */
export function lastDuePeriod(
  frequency: Frequency,
  firstPeriod: string,
  today: string,
): string | null {
  const first = periodIndex(frequency, firstPeriod);
  if (first === null) throw new RangeError(`Not a ${frequency} period: ${firstPeriod}`);
  // The period of the day DUE_AFTER_DAYS ago has not yet ended that far back; the one before it has.
  let index = periodIndex(frequency, periodOfDay(frequency, today))!;
  while (index >= first && dueOn(frequency, periodKey(frequency, index)) > today) index -= 1;
  return index >= first ? periodKey(frequency, index) : null;
}

/** The next day on which another period falls due (for readiness' self-change day). */
export function nextDueDay(frequency: Frequency, firstPeriod: string, today: string): string {
  const last = lastDuePeriod(frequency, firstPeriod, today);
  const index =
    last === null ? periodIndex(frequency, firstPeriod)! : periodIndex(frequency, last)! + 1;
  return dueOn(frequency, periodKey(frequency, index));
}

/** Whether a value meets the target in the objective's direction (≥ or ≤). */
export const meetsTarget = (direction: Direction, target: number, value: number): boolean =>
  direction === 'at_least' ? value >= target : value <= target;

/** On track when the latest measurement meets the target; no data before the first one. */
export function trackState(
  direction: Direction,
  target: number,
  measurements: readonly { period: string; value: number }[],
): TrackState {
  if (measurements.length === 0) return 'no_data';
  const latest = [...measurements].sort((a, b) => (a.period < b.period ? 1 : -1))[0];
  return meetsTarget(direction, target, latest.value) ? 'on_track' : 'off_track';
}

export interface ObjectiveDue {
  code: string;
  frequency: Frequency;
  firstPeriod: string;
  /** Period keys that have a measurement. */
  measured: readonly string[];
}

/** Objectives whose last due period has no measurement on `today` (their codes). */
export function unmeasured(objectives: readonly ObjectiveDue[], today: string): string[] {
  return objectives
    .filter((o) => {
      const due = lastDuePeriod(o.frequency, o.firstPeriod, today);
      return due !== null && !o.measured.includes(due);
    })
    .map((o) => o.code);
}
