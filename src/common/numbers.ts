import type { Language } from '../i18n/i18n.js';

const LOCALES: Record<Language, string> = { id: 'id-ID', en: 'en-GB' };
const formats = new Map<string, Intl.NumberFormat>();

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
