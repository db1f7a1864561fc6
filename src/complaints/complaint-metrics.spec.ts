import { median, percentile, periodMetrics, recurringCategories } from './complaint-metrics.js';
import { WorkingCalendar } from './working-days.js';

describe('complaint metrics', () => {
  it.each([
    [[], 0.5, null],
    [[4], 0.9, 4],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
    [[10, 1, 5], 0.9, 10],
    [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20], 0.9, 0],
  ])('p(%j, %d) = %j (nearest rank)', (values, p, want) => {
    expect(percentile(values, p)).toBe(want);
  });

  it.each([
    [[], null],
    [[3], 3],
    [[1, 4], 2.5],
    [[5, 1, 3], 3],
  ])('median(%j) = %j', (values, want) => {
    expect(median(values)).toBe(want);
  });

  const cal = new WorkingCalendar([2026]);
  const limits = { verifyDays: 3, followUpDays: 5 };
  const base = { channel: 'LAPOR!', category: 'Antrean' } as const;

  it('counts working days, limits, open and overdue as of today', () => {
    const m = periodMetrics(
      [
        // Answered the next day, resolved 2 working days later: within both limits.
        {
          ...base,
          receivedOn: '2026-03-02',
          firstResponseOn: '2026-03-03',
          resolvedOn: '2026-03-05',
          status: 'resolved',
        },
        // Answered after 4 working days (late), resolved 6 after the answer (late).
        {
          ...base,
          receivedOn: '2026-04-06',
          firstResponseOn: '2026-04-10',
          resolvedOn: '2026-04-20',
          status: 'resolved',
        },
        // No answer: due 3 working days after 2 June (3, 4, 5 June): overdue on 10 June.
        {
          ...base,
          category: 'Tarif',
          channel: 'Qlue',
          receivedOn: '2026-06-02',
          firstResponseOn: null,
          resolvedOn: null,
          status: 'open',
        },
        // Answered 8 June: follow-up due 15 June, not yet overdue on 10 June.
        {
          ...base,
          category: null,
          receivedOn: '2026-06-05',
          firstResponseOn: '2026-06-08',
          resolvedOn: null,
          status: 'in_progress',
        },
      ],
      cal,
      limits,
      '2026-06-10',
    );
    expect(m.received).toBe(4);
    expect(m.byCategory).toEqual([
      { name: 'Antrean', count: 2 },
      { name: 'Tarif', count: 1 },
      { name: '–', count: 1 },
    ]);
    expect(m.byChannel).toEqual([
      { name: 'LAPOR!', count: 3 },
      { name: 'Qlue', count: 1 },
    ]);
    // First responses after 1, 4 (late) and 1 working days.
    expect(m.firstResponse).toEqual({ measured: 3, median: 1, p90: 4, withinLimit: 2 / 3 });
    // Resolutions 3 and 10 working days after receipt; follow-ups of 2 and 6 (late).
    expect(m.resolution).toEqual({ measured: 2, median: 6.5, p90: 10, withinLimit: 0.5 });
    expect(m.open).toBe(2);
    expect(m.overdue).toBe(1);
  });

  it('no complaints: zeros and nulls, never NaN', () => {
    const m = periodMetrics([], cal, limits, '2026-06-10');
    expect(m.firstResponse).toEqual({ measured: 0, median: null, p90: null, withinLimit: null });
    expect(m.open).toBe(0);
  });

  it('a category with three or more complaints recurs', () => {
    const c = (category: string) => ({
      ...base,
      category,
      receivedOn: '2026-03-02',
      firstResponseOn: null,
      resolvedOn: null,
      status: 'open' as const,
    });
    const m = periodMetrics([c('A'), c('A'), c('A'), c('B')], cal, limits, '2026-03-02');
    expect(recurringCategories(m)).toEqual([{ name: 'A', count: 3 }]);
  });
});
