/**
 * Calendar-date helpers. Mutu's dates (due dates, validity ends, "today") are calendar days in
 * Kupang's time zone held as 'YYYY-MM-DD' strings, which compare correctly as plain strings.
 * Nothing here reads the process time zone: servers often run in UTC, and 16.00 UTC is already
 * tomorrow in Kupang.
 */

export const WITA = 'Asia/Makassar';

export type DateLanguage = 'id' | 'en';

const MONTHS: Record<DateLanguage, readonly string[]> = {
  id: [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

interface DayParts {
  year: number;
  month: number;
  day: number;
}

/** Parses 'YYYY-MM-DD', refusing impossible days such as 2026-02-30. */
function parseIsoDay(isoDay: string): DayParts {
  const m = ISO_DAY.exec(isoDay);
  const parts = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : undefined;
  if (!parts) throw new RangeError(`Not a YYYY-MM-DD date: ${isoDay}`);
  const check = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  if (check.getUTCMonth() !== parts.month - 1 || check.getUTCDate() !== parts.day) {
    throw new RangeError(`No such date: ${isoDay}`);
  }
  return parts;
}

export function isIsoDay(value: string): boolean {
  try {
    parseIsoDay(value);
    return true;
  } catch {
    return false;
  }
}

/** Throws a RangeError unless the value is a real 'YYYY-MM-DD' day. */
export function assertIsoDay(value: string): void {
  parseIsoDay(value);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function toIsoDay({ year, month, day }: DayParts): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    zoneFormats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock parts of an instant in a zone, as its formatter gives them. */
function formattedParts(
  instant: Date,
  timeZone: string,
): DayParts & { hour: number; minute: number } {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid date');
  const parts = zoneFormat(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
  };
}

/** Zone offsets are whole multiples of 15 minutes and change only on such a boundary. */
const QUARTER_MS = 15 * 60_000;
/** `zone|quarter-hour` → offset from UTC in ms: reading a day costs one Date, not a formatter. */
const zoneOffsets = new Map<string, number>();

function zoneOffsetMs(instant: Date, timeZone: string): number {
  const quarter = Math.floor(instant.getTime() / QUARTER_MS);
  const key = `${timeZone}|${quarter}`;
  let offset = zoneOffsets.get(key);
  if (offset === undefined) {
    const start = quarter * QUARTER_MS;
    const p = formattedParts(new Date(start), timeZone);
    const wall = new Date(0);
    wall.setUTCFullYear(p.year, p.month - 1, p.day);
    wall.setUTCHours(p.hour, p.minute, 0, 0);
    offset = wall.getTime() - start;
    if (zoneOffsets.size >= 50_000) zoneOffsets.clear();
    zoneOffsets.set(key, offset);
  }
  return offset;
}

/**
 * The wall-clock parts of an instant in a zone: from the zone's offset in that quarter-hour, so a
 * report full of dates asks the formatter once per quarter-hour, not once per date. An offset that
 * is not a whole number of quarter-hours (local mean time before 1932) is read from the formatter.
 */
function zonedParts(instant: Date, timeZone: string): DayParts & { hour: number; minute: number } {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid date');
  const offset = zoneOffsetMs(instant, timeZone);
  if (offset % QUARTER_MS !== 0) return formattedParts(instant, timeZone);
  const local = new Date(instant.getTime() + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

/** The calendar day of `now` in the given zone (Kupang by default), as 'YYYY-MM-DD'. */
export function todayInZone(now: Date, timeZone: string = WITA): string {
  if (Number.isNaN(now.getTime())) throw new RangeError('Invalid date');
  const local = new Date(now.getTime() + zoneOffsetMs(now, timeZone));
  return toIsoDay({
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
  });
}

/** Adds (or with a negative n, subtracts) whole calendar days. */
/**
 * The same day a year later ('2025-06-30' → '2026-06-30'); 29 February → 28 February. A record
 * that "counts for 12 months" (a review, an audit, a register entry) counts up to and including it.
 */
export function yearAfter(day: string): string {
  const year = Number(day.slice(0, 4)) + 1;
  const rest = day.slice(4) === '-02-29' ? '-02-28' : day.slice(4);
  return `${String(year).padStart(4, '0')}${rest}`;
}

export function addDays(isoDay: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Days must be a whole number: ${n}`);
  const { year, month, day } = parseIsoDay(isoDay);
  // UTC has no daylight-saving jumps, so adding days there cannot skip or repeat a date.
  const shifted = new Date(Date.UTC(year, month - 1, day + n));
  return toIsoDay({
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  });
}

const dayText = ({ year, month, day }: DayParts, lang: DateLanguage): string =>
  `${day} ${MONTHS[lang][month - 1]} ${year}`;

/** "23 November 2026". A Date is shown as its calendar day in Kupang. */
export function formatDateId(dateOrIsoDay: Date | string, lang: DateLanguage): string {
  const parts =
    typeof dateOrIsoDay === 'string' ? parseIsoDay(dateOrIsoDay) : zonedParts(dateOrIsoDay, WITA);
  return dayText(parts, lang);
}

/** "23 November 2026 19.06 WITA" (Indonesian writes a dot between hours and minutes), in Kupang time. */
export function formatDateTimeWita(date: Date, lang: DateLanguage): string {
  const parts = zonedParts(date, WITA);
  const separator = lang === 'id' ? '.' : ':';
  return `${dayText(parts, lang)} ${pad2(parts.hour)}${separator}${pad2(parts.minute)} WITA`;
}
