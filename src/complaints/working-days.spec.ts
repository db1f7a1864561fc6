import { DECREED_HOLIDAYS, nationalHolidays, WorkingCalendar } from './working-days.js';

describe('working days (Mon–Fri minus national holidays, cuti bersama and the organisation’s days)', () => {
  const cal = new WorkingCalendar([2026, 2027], [{ date: '2026-07-09' }]);

  it.each<[string, string, number | null, string]>([
    ['2026-03-02', '2026-03-02', 0, 'answered the same day'],
    ['2026-03-02', '2026-03-03', 1, 'Monday → Tuesday'],
    ['2026-03-06', '2026-03-09', 1, 'Friday → Monday skips the weekend'],
    [
      '2026-03-17',
      '2026-03-25',
      1,
      'Nyepi, its cuti bersama and the Idul Fitri week: only 25 March counts',
    ],
    ['2026-05-13', '2026-05-18', 1, 'Kenaikan (14 May) and its cuti bersama (15 May)'],
    ['2026-12-23', '2026-12-28', 1, 'cuti bersama Natal (24 Dec) and Natal (25 Dec)'],
    ['2026-07-08', '2026-07-10', 1, "the organisation's own day off (9 July)"],
    ['2026-12-31', '2027-01-04', 1, 'across the year: 1 January 2027 from date-holidays'],
    ['2026-03-05', '2026-03-04', null, 'a response before the receipt'],
  ])('%s → %s: %s working days (%s)', (from, to, want) => {
    expect(cal.between(from, to)).toBe(want);
  });

  it.each([
    ['2026-03-16', 3, '2026-03-26'],
    ['2026-03-06', 0, '2026-03-06'],
    ['2026-08-14', 1, '2026-08-18'],
  ])('%s + %d working days = %s', (from, n, want) => {
    expect(cal.add(from, n)).toBe(want);
  });

  it('2026 follows SKB 1497/2/5 Tahun 2025: 17 national holidays and 8 days of cuti bersama', () => {
    const list = DECREED_HOLIDAYS[2026];
    expect(list.filter((h) => h.kind === 'national')).toHaveLength(17);
    expect(list.filter((h) => h.kind === 'cuti_bersama').map((h) => h.date)).toEqual([
      '2026-02-16',
      '2026-03-18',
      '2026-03-20',
      '2026-03-23',
      '2026-03-24',
      '2026-05-15',
      '2026-05-28',
      '2026-12-24',
    ]);
  });

  it('other years come from date-holidays (public holidays of ID)', () => {
    const dates = nationalHolidays(2027).map((h) => h.date);
    expect(dates).toContain('2027-01-01');
    expect(dates).toContain('2027-08-17');
    expect(dates).toContain('2027-12-25');
  });

  it('gives each caller its own list of a computed year', () => {
    const first = nationalHolidays(2028);
    first.length = 0;
    expect(nationalHolidays(2028).map((h) => h.date)).toContain('2028-08-17');
  });
});
