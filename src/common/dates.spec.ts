import {
  addDays,
  assertIsoDay,
  formatDateId,
  formatDateTimeWita,
  isIsoDay,
  todayInZone,
} from './dates.js';

describe('todayInZone', () => {
  it.each([
    // Kupang is UTC+8: from 16.00 UTC it is already the next day there.
    ['2026-11-23T15:59:59Z', undefined, '2026-11-23'],
    ['2026-11-23T16:00:00Z', undefined, '2026-11-24'],
    ['2026-11-23T16:30:00Z', undefined, '2026-11-24'],
    ['2026-12-31T16:00:00Z', undefined, '2027-01-01'],
    ['2026-11-23T16:30:00Z', 'UTC', '2026-11-23'],
    ['2026-11-23T03:00:00Z', 'America/New_York', '2026-11-22'],
    ['2028-02-28T16:00:00Z', undefined, '2028-02-29'],
  ])('%s in %s is %s', (instant, zone, expected) => {
    expect(todayInZone(new Date(instant), zone)).toBe(expected);
  });

  it('refuses an invalid Date', () => {
    expect(() => todayInZone(new Date('nonsense'))).toThrow(RangeError);
  });

  it('agrees with the zone’s own calendar minute by minute across a daylight-saving change', () => {
    // New York leaves daylight saving at 06.00 UTC on 1 November 2026 (02.00 → 01.00 local).
    const calendar = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' });
    for (
      let t = Date.parse('2026-11-01T03:00:00Z');
      t < Date.parse('2026-11-01T06:30:00Z');
      t += 60_000
    )
      expect(todayInZone(new Date(t), 'America/New_York')).toBe(calendar.format(new Date(t)));
    // And in spring (07.00 UTC on 8 March 2026), around local midnight of the days either side.
    for (
      let t = Date.parse('2026-03-08T03:00:00Z');
      t < Date.parse('2026-03-09T06:00:00Z');
      t += 7 * 60_000
    )
      expect(todayInZone(new Date(t), 'America/New_York')).toBe(calendar.format(new Date(t)));
  });
});

describe('addDays', () => {
  it.each([
    ['2026-11-23', 0, '2026-11-23'],
    ['2026-11-23', 1, '2026-11-24'],
    ['2026-11-23', -1, '2026-11-22'],
    ['2026-11-23', 90, '2027-02-21'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    // Days on which Europe and America change their clocks: calendar arithmetic must not notice.
    ['2026-03-28', 1, '2026-03-29'],
    ['2026-11-01', 1, '2026-11-02'],
  ])('%s + %i days = %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
  });

  it.each([['2026-02-30'], ['2026-13-01'], ['23-11-2026'], ['2026-11-23T00:00:00Z'], ['']])(
    'refuses the day %j',
    (day) => {
      expect(() => addDays(day, 1)).toThrow(RangeError);
    },
  );

  it('refuses a fractional number of days', () => {
    expect(() => addDays('2026-11-23', 1.5)).toThrow(RangeError);
  });
});

describe('isIsoDay / assertIsoDay', () => {
  it.each([
    ['2026-11-23', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2026-1-5', false],
    ['2026-11-23 ', false],
  ])('%j → %s', (value, expected) => {
    expect(isIsoDay(value)).toBe(expected);
    if (expected) expect(() => assertIsoDay(value)).not.toThrow();
    else expect(() => assertIsoDay(value)).toThrow(RangeError);
  });
});

describe('formatDateId', () => {
  it.each([
    ['2026-11-23', 'id', '23 November 2026'],
    ['2026-11-23', 'en', '23 November 2026'],
    ['2026-01-01', 'id', '1 Januari 2026'],
    ['2026-01-01', 'en', '1 January 2026'],
    ['2026-02-14', 'id', '14 Februari 2026'],
    ['2026-03-05', 'id', '5 Maret 2026'],
    ['2026-05-20', 'id', '20 Mei 2026'],
    ['2026-05-20', 'en', '20 May 2026'],
    ['2026-06-30', 'id', '30 Juni 2026'],
    ['2026-07-17', 'id', '17 Juli 2026'],
    ['2026-08-17', 'id', '17 Agustus 2026'],
    ['2026-08-17', 'en', '17 August 2026'],
    ['2026-10-28', 'id', '28 Oktober 2026'],
    ['2026-12-25', 'id', '25 Desember 2026'],
    ['2026-12-25', 'en', '25 December 2026'],
  ] as const)('%s in %s is %j', (day, lang, expected) => {
    expect(formatDateId(day, lang)).toBe(expected);
  });

  it('shows a Date as its calendar day in Kupang', () => {
    expect(formatDateId(new Date('2026-11-23T16:30:00Z'), 'id')).toBe('24 November 2026');
    expect(formatDateId(new Date('2026-11-23T15:30:00Z'), 'en')).toBe('23 November 2026');
  });

  it('refuses an impossible day', () => {
    expect(() => formatDateId('2026-02-30', 'id')).toThrow(RangeError);
  });
});

describe('formatDateTimeWita', () => {
  it.each([
    ['2026-11-23T11:06:00Z', 'id', '23 November 2026 19.06 WITA'],
    ['2026-11-23T11:06:00Z', 'en', '23 November 2026 19:06 WITA'],
    ['2026-11-23T16:30:00Z', 'id', '24 November 2026 00.30 WITA'],
    ['2026-11-23T16:30:00Z', 'en', '24 November 2026 00:30 WITA'],
    ['2026-11-23T16:00:00Z', 'id', '24 November 2026 00.00 WITA'],
    ['2026-01-01T01:05:59Z', 'id', '1 Januari 2026 09.05 WITA'],
    ['2026-12-31T15:59:00Z', 'id', '31 Desember 2026 23.59 WITA'],
  ] as const)('%s in %s is %j', (instant, lang, expected) => {
    expect(formatDateTimeWita(new Date(instant), lang)).toBe(expected);
  });

  it('agrees with Kupang’s own clock, minute by minute and back to local mean time before 1932', () => {
    const clock = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Makassar',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const expected = (t: number): string => {
      const p = Object.fromEntries(clock.formatToParts(t).map((x) => [x.type, x.value]));
      return `${Number(p.day)} ${p.month} ${p.year} ${p.hour}:${p.minute} WITA`;
    };
    const instants: number[] = [];
    // Around a year end, every minute of an hour either side of midnight in Kupang.
    for (let t = Date.parse('2026-12-31T15:00:00Z'); t < Date.parse('2026-12-31T17:00:00Z');)
      instants.push((t += 60_000));
    // Across two centuries at odd seconds: local mean time (+07:57:36) until 1932, +09:00 in 1942–45.
    for (let t = Date.parse('1900-01-01T00:00:00Z'); t < Date.parse('2100-01-01T00:00:00Z');)
      instants.push((t += 97 * 86_400_000 + 12_345_678));
    for (const t of instants) expect(formatDateTimeWita(new Date(t), 'en')).toBe(expected(t));
  });

  describe('whatever the process time zone', () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });

    it.each([['UTC'], ['America/Los_Angeles'], ['Pacific/Kiritimati']])('TZ=%s', (tz) => {
      process.env.TZ = tz;
      const instant = new Date('2026-11-23T16:30:00Z');
      expect(formatDateTimeWita(instant, 'id')).toBe('24 November 2026 00.30 WITA');
      expect(todayInZone(instant)).toBe('2026-11-24');
      expect(formatDateId(instant, 'en')).toBe('24 November 2026');
    });
  });
});
