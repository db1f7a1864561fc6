import type { Count, Duration, PeriodMetrics, ServiceLimits } from './complaint-metrics.js';
import { isDecreed, nationalHolidays, type Holiday } from './working-days.js';

export interface ComplaintTrendPoint {
  period: string;
  received: number;
  open: number;
  /** Median working days to resolution, null when none was resolved. */
  medianResolution: number | null;
  /** Share resolved within the limit, 0..1 (null when none was resolved). */
  resolvedWithinLimit: number | null;
}

export interface ComplaintMetricsView {
  unitId: string;
  period: string;
  limits: ServiceLimits;
  received: number;
  byCategory: Count[];
  byChannel: Count[];
  firstResponse: Duration;
  resolution: Duration;
  open: number;
  overdue: number;
  /** The periods before and this one, oldest first. */
  trend: ComplaintTrendPoint[];
}

export interface ComplaintSettingsView {
  organisationId: string;
  verifyDays: number;
  followUpDays: number;
  /** The organisation's own days off. */
  holidays: { date: string; name: string }[];
  year: number;
  /** The national holidays (and cuti bersama, where decreed) of `year`. */
  nationalHolidays: Holiday[];
  /** Where the national list of `year` comes from. */
  nationalSource: 'skb' | 'date-holidays';
}

/** The semester containing a day: 2026-03-05 → 2026-S1. */
export const currentSemester = (today: string): string =>
  `${today.slice(0, 4)}-S${Number(today.slice(5, 7)) <= 6 ? 1 : 2}`;

/** `period` and the `count - 1` periods of the same kind before it, oldest first. */
export function previousPeriods(period: string, count: number): string[] {
  const year = Number(period.slice(0, 4));
  const half = period.length === 7 ? Number(period.slice(6)) : 0;
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    if (half === 0) out.push(String(year - i));
    else {
      const index = year * 2 + (half - 1) - i;
      out.push(`${Math.floor(index / 2)}-S${(index % 2) + 1}`);
    }
  }
  return out.filter((p) => Number(p.slice(0, 4)) >= 2000);
}

const round2 = (n: number | null): number | null => (n === null ? null : Math.round(n * 100) / 100);
const roundDuration = (d: Duration): Duration => ({
  ...d,
  median: round2(d.median),
  withinLimit: d.withinLimit === null ? null : Math.round(d.withinLimit * 10_000) / 10_000,
});

export function metricsView(
  unitId: string,
  per: { period: string; metrics: PeriodMetrics }[],
  limits: ServiceLimits,
): ComplaintMetricsView {
  const { period, metrics } = per.at(-1)!;
  return {
    unitId,
    period,
    limits: { verifyDays: limits.verifyDays, followUpDays: limits.followUpDays },
    received: metrics.received,
    byCategory: metrics.byCategory,
    byChannel: metrics.byChannel,
    firstResponse: roundDuration(metrics.firstResponse),
    resolution: roundDuration(metrics.resolution),
    open: metrics.open,
    overdue: metrics.overdue,
    trend: per.map((p) => ({
      period: p.period,
      received: p.metrics.received,
      open: p.metrics.open,
      medianResolution: round2(p.metrics.resolution.median),
      resolvedWithinLimit: roundDuration(p.metrics.resolution).withinLimit,
    })),
  };
}

export function settingsView(
  organisationId: string,
  s: ServiceLimits & { holidays: { date: string; name: string }[] },
  year: number,
): ComplaintSettingsView {
  return {
    organisationId,
    verifyDays: s.verifyDays,
    followUpDays: s.followUpDays,
    holidays: s.holidays.map((h) => ({ date: h.date, name: h.name })),
    year,
    nationalHolidays: nationalHolidays(year),
    nationalSource: isDecreed(year) ? 'skb' : 'date-holidays',
  };
}
