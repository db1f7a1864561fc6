import type { ComplaintStatus } from './complaint-rows.js';
import type { WorkingCalendar } from './working-days.js';

/**
 * Service-time metrics of a unit's complaints received in a period. Pure.
 *
 * - time to first response: working days from receipt to the first response (same day = 0);
 *   within the limit when ≤ `verifyDays` (LAPOR!: verify and route within 3 working days).
 * - time to resolution: working days from receipt to resolution; within the limit when the
 *   follow-up took ≤ `followUpDays` after the first response (LAPOR!: 5 working days), i.e.
 *   from the first response (or the receipt, when none is recorded) to the resolution.
 * - open: not resolved; overdue: open and past its limit today (no response after `verifyDays`,
 *   or responded but not resolved `followUpDays` after the response).
 * Median and p90 use the nearest-rank method (p90 of 10 values is the 9th smallest).
 */

export interface ServiceLimits {
  verifyDays: number;
  followUpDays: number;
}

export const DEFAULT_LIMITS: ServiceLimits = { verifyDays: 3, followUpDays: 5 };

export interface MetricComplaint {
  channel: string | null;
  category: string | null;
  receivedOn: string;
  firstResponseOn: string | null;
  resolvedOn: string | null;
  status: ComplaintStatus;
}

export interface Duration {
  /** Complaints that have the time (a response, a resolution). */
  measured: number;
  median: number | null;
  p90: number | null;
  /** Share of the measured ones within the limit, 0..1; null when none is measured. */
  withinLimit: number | null;
}

export interface Count {
  name: string;
  count: number;
}

export interface PeriodMetrics {
  received: number;
  byCategory: Count[];
  byChannel: Count[];
  firstResponse: Duration;
  resolution: Duration;
  open: number;
  overdue: number;
}

/** The value at the nearest rank ⌈p × n⌉ of the sorted values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}

/** The median: the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const counts = (values: (string | null)[], none: string): Count[] => {
  const map = new Map<string, number>();
  for (const v of values) map.set(v ?? none, (map.get(v ?? none) ?? 0) + 1);
  return [...map]
    .map(([name, count]) => ({ name, count }))
    .sort(
      (a, b) =>
        Number(a.name === none) - Number(b.name === none) ||
        b.count - a.count ||
        a.name.localeCompare(b.name, 'id'),
    );
};

const duration = (pairs: { days: number; within: boolean }[]): Duration => ({
  measured: pairs.length,
  median: median(pairs.map((p) => p.days)),
  p90: percentile(
    pairs.map((p) => p.days),
    0.9,
  ),
  withinLimit: pairs.length ? pairs.filter((p) => p.within).length / pairs.length : null,
});

export function periodMetrics(
  complaints: readonly MetricComplaint[],
  calendar: WorkingCalendar,
  limits: ServiceLimits,
  today: string,
  /** What a blank category or channel is counted as. */
  none = '–',
): PeriodMetrics {
  const first: { days: number; within: boolean }[] = [];
  const resolution: { days: number; within: boolean }[] = [];
  let open = 0;
  let overdue = 0;
  for (const c of complaints) {
    if (c.firstResponseOn) {
      const days = calendar.between(c.receivedOn, c.firstResponseOn);
      if (days !== null) first.push({ days, within: days <= limits.verifyDays });
    }
    if (c.status === 'resolved' && c.resolvedOn) {
      const days = calendar.between(c.receivedOn, c.resolvedOn);
      const followUp = calendar.between(c.firstResponseOn ?? c.receivedOn, c.resolvedOn);
      if (days !== null)
        resolution.push({ days, within: (followUp ?? days) <= limits.followUpDays });
    }
    if (c.status !== 'resolved') {
      open++;
      const due = c.firstResponseOn
        ? calendar.add(c.firstResponseOn, limits.followUpDays)
        : calendar.add(c.receivedOn, limits.verifyDays);
      if (today > due) overdue++;
    }
  }
  return {
    received: complaints.length,
    byCategory: counts(
      complaints.map((c) => c.category),
      none,
    ),
    byChannel: counts(
      complaints.map((c) => c.channel),
      none,
    ),
    firstResponse: duration(first),
    resolution: duration(resolution),
    open,
    overdue,
  };
}

/**
 * Categories that recur: at least `min` complaints in the period (a pattern worth a finding
 * under 10.2 rather than one complaint at a time).
 */
export const recurringCategories = (metrics: PeriodMetrics, min = 3): Count[] =>
  metrics.byCategory.filter((c) => c.count >= min && c.name !== '–');
