export interface UnitPoint {
  unitId: string;
  /** When the snapshot was taken. */
  day: string;
  score: number | null;
}

/**
 * The organisation's trend from unit snapshots: for each day on which any unit changed, the mean of
 * every unit's latest known score up to that day (units with no score yet are left out).
 */
export function organisationTrend(points: UnitPoint[]): { date: string; value: number }[] {
  const days = [...new Set(points.map((p) => p.day))].sort();
  const sorted = [...points].sort((a, b) => a.day.localeCompare(b.day));
  const latest = new Map<string, number | null>();
  const trend: { date: string; value: number }[] = [];
  let i = 0;
  for (const day of days) {
    while (i < sorted.length && sorted[i].day <= day) {
      latest.set(sorted[i].unitId, sorted[i].score);
      i++;
    }
    const scores = [...latest.values()].filter((s): s is number => s !== null);
    if (scores.length)
      trend.push({ date: day, value: scores.reduce((a, b) => a + b, 0) / scores.length });
  }
  return trend;
}
