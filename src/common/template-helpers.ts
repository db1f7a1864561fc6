import type Handlebars from 'handlebars';
import { LANGUAGES, translate, type Language } from '../i18n/i18n.js';
import { formatDateId, formatDateTimeWita, isIsoDay } from './dates.js';
import { EMPTY_VALUE, formatPercent } from './numbers.js';

export type TextLookup = (lang: Language, key: string, params: Record<string, unknown>) => string;

type DateValue = Date | string | null | undefined;

function language(options: Handlebars.HelperOptions): Language {
  const lang = (options.data as { lang?: unknown } | undefined)?.lang;
  if (!LANGUAGES.includes(lang as Language)) throw new Error('Templates need @lang (id or en)');
  return lang as Language;
}

function toDate(value: Exclude<DateValue, null | undefined>): Date | string {
  if (value instanceof Date || isIsoDay(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${value}`);
  return date;
}

/**
 * The named helpers every Mutu template (pages and reports) may use, registered in one place:
 * `t` (translation), `formatDate` ("23 November 2026"), `formatDateTime` (WITA), `percent`, `eq`, `concat`.
 * The language comes from the render's @lang.
 */
export function registerTemplateHelpers(
  env: typeof Handlebars,
  text: TextLookup = translate,
): void {
  env.registerHelper('t', (key: unknown, options: Handlebars.HelperOptions) =>
    text(language(options), String(key), options.hash as Record<string, unknown>),
  );
  env.registerHelper('formatDate', (value: DateValue, options: Handlebars.HelperOptions) =>
    value === null || value === undefined || value === ''
      ? EMPTY_VALUE
      : formatDateId(toDate(value), language(options)),
  );
  env.registerHelper('formatDateTime', (value: DateValue, options: Handlebars.HelperOptions) => {
    if (value === null || value === undefined || value === '') return EMPTY_VALUE;
    const date = toDate(value);
    return formatDateTimeWita(
      typeof date === 'string' ? new Date(`${date}T00:00:00+08:00`) : date,
      language(options),
    );
  });
  env.registerHelper('percent', (value: number | null, options: Handlebars.HelperOptions) =>
    formatPercent(value, language(options), (options.hash as { digits?: number }).digits),
  );
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // Builds a message key from parts, e.g. (concat "rating." rating); the last argument is Handlebars' options.
  env.registerHelper('concat', (...parts: unknown[]) => parts.slice(0, -1).map(String).join(''));
}

export const KNOWN_HELPERS = {
  t: true,
  formatDate: true,
  formatDateTime: true,
  percent: true,
  eq: true,
  concat: true,
} as const;
