import Holidays from 'date-holidays';
import { addDays } from '../common/dates.js';

/**
 * Working days of an Indonesian government office: Monday to Friday, minus the national holidays
 * and the *cuti bersama* of the year, minus the days an organisation adds itself (a regional
 * holiday, an office closure). Pure: a calendar is built from lists and then only answers.
 */

export type HolidayKind = 'national' | 'cuti_bersama' | 'organisation';

export interface Holiday {
  /** YYYY-MM-DD */
  date: string;
  name: string;
  kind: HolidayKind;
}

const national = (date: string, name: string): Holiday => ({ date, name, kind: 'national' });
const cuti = (date: string, name: string): Holiday => ({ date, name, kind: 'cuti_bersama' });

/**
 * Years whose list is taken from the joint ministerial decree (SKB 3 Menteri) itself, because the
 * `date-holidays` data differs from it: for 2026 (SKB Menteri Agama, Menteri Ketenagakerjaan and
 * Menteri PANRB No. 1497, 2 and 5 Tahun 2025) date-holidays puts Idul Fitri on 20–21 March
 * (the decree: 21–22 March), names 16 January "Maulid" (it is Isra Mikraj), lacks Easter Sunday
 * and has none of the eight days of cuti bersama. Add a year here when its decree is out.
 */
export const DECREED_HOLIDAYS: Readonly<Record<number, readonly Holiday[]>> = {
  2026: [
    national('2026-01-01', 'Tahun Baru 2026 Masehi'),
    national('2026-01-16', 'Isra Mikraj Nabi Muhammad SAW'),
    cuti('2026-02-16', 'Cuti bersama Tahun Baru Imlek'),
    national('2026-02-17', 'Tahun Baru Imlek 2577 Kongzili'),
    cuti('2026-03-18', 'Cuti bersama Hari Suci Nyepi'),
    national('2026-03-19', 'Hari Suci Nyepi (Tahun Baru Saka 1948)'),
    cuti('2026-03-20', 'Cuti bersama Idul Fitri 1447 H'),
    national('2026-03-21', 'Idul Fitri 1447 H'),
    national('2026-03-22', 'Idul Fitri 1447 H'),
    cuti('2026-03-23', 'Cuti bersama Idul Fitri 1447 H'),
    cuti('2026-03-24', 'Cuti bersama Idul Fitri 1447 H'),
    national('2026-04-03', 'Wafat Yesus Kristus'),
    national('2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)'),
    national('2026-05-01', 'Hari Buruh Internasional'),
    national('2026-05-14', 'Kenaikan Yesus Kristus'),
    cuti('2026-05-15', 'Cuti bersama Kenaikan Yesus Kristus'),
    national('2026-05-27', 'Idul Adha 1447 H'),
    cuti('2026-05-28', 'Cuti bersama Idul Adha 1447 H'),
    national('2026-05-31', 'Hari Raya Waisak 2570 BE'),
    national('2026-06-01', 'Hari Lahir Pancasila'),
    national('2026-06-16', '1 Muharam Tahun Baru Islam 1448 H'),
    national('2026-08-17', 'Proklamasi Kemerdekaan'),
    national('2026-08-25', 'Maulid Nabi Muhammad SAW'),
    cuti('2026-12-24', 'Cuti bersama Kelahiran Yesus Kristus'),
    national('2026-12-25', 'Kelahiran Yesus Kristus'),
  ],
};

const library = new Holidays('ID');

/**
 * The national holidays (and, where the decree is in DECREED_HOLIDAYS, the cuti bersama) of a
 * year. Other years come from `date-holidays` (public holidays only: it carries no cuti bersama, so
 * an organisation adds those through its own list).
 */
export function nationalHolidays(year: number): Holiday[] {
  const decreed = DECREED_HOLIDAYS[year];
  if (decreed) return [...decreed];
  // The library works a year out from its rules (≈ 3 ms): once per year and process, for a
  // bounded number of years (a client may ask about any period).
  let computed = computedYears.get(year);
  if (!computed) {
    computed = libraryHolidays(year);
    if (computedYears.size >= 64) computedYears.clear();
    computedYears.set(year, computed);
  }
  return [...computed];
}

const computedYears = new Map<number, Holiday[]>();

function libraryHolidays(year: number): Holiday[] {
  const seen = new Set<string>();
  const out: Holiday[] = [];
  for (const h of library.getHolidays(year)) {
    if (h.type !== 'public') continue;
    const date = h.date.slice(0, 10);
    if (seen.has(date)) continue;
    seen.add(date);
    out.push(national(date, h.name));
  }
  return out;
}

/** Whether the year's list comes from the decree (true) or from date-holidays (false). */
export const isDecreed = (year: number): boolean => year in DECREED_HOLIDAYS;

const weekday = (isoDay: string): number => new Date(`${isoDay}T00:00:00Z`).getUTCDay();

export class WorkingCalendar {
  private readonly off: Set<string>;

  /** `extra`: the organisation's own days off, on top of the national list of each year. */
  constructor(years: readonly number[], extra: readonly { date: string }[] = []) {
    this.off = new Set([
      ...years.flatMap((y) => nationalHolidays(y).map((h) => h.date)),
      ...extra.map((h) => h.date),
    ]);
  }

  /** For the years a set of dates spans (a year before and after, for limits that cross it). */
  static covering(dates: readonly string[], extra: readonly { date: string }[] = []) {
    const years = new Set<number>();
    for (const d of dates) {
      const y = Number(d.slice(0, 4));
      years.add(y);
      years.add(y + 1);
    }
    return new WorkingCalendar([...years], extra);
  }

  isWorkingDay(isoDay: string): boolean {
    const d = weekday(isoDay);
    return d !== 0 && d !== 6 && !this.off.has(isoDay);
  }

  /**
   * Working days after `from` up to and including `to`: an answer the same day is 0, one on the
   * next working day 1. Null when `to` is before `from`.
   */
  between(from: string, to: string): number | null {
    if (to < from) return null;
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) n++;
    return n;
  }

  /** The day `n` working days after `from` (n = 0: `from` itself). */
  add(from: string, n: number): string {
    let d = from;
    for (let left = n; left > 0;) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }
}
