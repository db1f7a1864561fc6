import type { Language } from '../i18n/i18n.js';

const LOCALES: Record<Language, string> = { id: 'id-ID', en: 'en-GB' };
/** Formatters by language and options: building an Intl.NumberFormat costs far more than using one. */
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Language, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${lang}:max${maximumFractionDigits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits });
    formats.set(key, format);
  }
  return format;
}

export const EMPTY_VALUE = '–';

/** A share 0..1 as a percentage: 0.838 → "83,8%" (id), "83.8%" (en); at most `digits` decimals. */
export function formatPercent(
  value: number | null | undefined,
  lang: Language,
  digits = 1,
): string {
  if (value === null || value === undefined || Number.isNaN(value)) return EMPTY_VALUE;
  const key = `${lang}:${digits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang], {
      style: 'percent',
      minimumFractionDigits: 0,
      maximumFractionDigits: digits,
    });
    formats.set(key, format);
  }
  return format.format(value);
}

/**
 * A change between two shares in percentage points, always signed: +0.078 → "+7,8 poin" (id),
 * "+7.8 pts" (en); no change is "±0 poin"; unknown is "–".
 */
export function formatPointChange(delta: number | null | undefined, lang: Language): string {
  if (delta === null || delta === undefined || Number.isNaN(delta)) return EMPTY_VALUE;
  const points = Math.round(delta * 1000) / 10;
  const unit = lang === 'id' ? 'poin' : 'pts';
  if (points === 0) return `±0 ${unit}`;
  const number = numberFormat(lang, 1).format(Math.abs(points));
  return `${points > 0 ? '+' : '−'}${number} ${unit}`;
}

const SIZE_UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/** 1234567 → "1,2 MB" (id) / "1.2 MB" (en); binary multiples, as file managers show them. */
export function formatBytes(bytes: number, lang: Language): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const number = numberFormat(lang, digits).format(value);
  return `${number} ${SIZE_UNITS[unit]}`;
}

/** A count with the reader's grouping: 4500 → "4.500" (id), "4,500" (en). */
export function formatCount(count: number, lang: Language): string {
  return numberFormat(lang, 0).format(count);
}
