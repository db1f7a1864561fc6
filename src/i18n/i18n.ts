import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../config/project-root.js';

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'id';

type Messages = Record<string, string>;
const catalogues = new Map<Language, Messages>();

function messages(lang: Language): Messages {
  let m = catalogues.get(lang);
  if (!m) {
    m = JSON.parse(
      readFileSync(join(projectRoot(), 'templates', 'locales', `${lang}.json`), 'utf8'),
    ) as Messages;
    catalogues.set(lang, m);
  }
  return m;
}

const pluralRules = new Map<Language, Intl.PluralRules>();

/**
 * The message of a key in one language. With a numeric {count}, a key written in plural forms
 * (`key.one`, `key.other`, … as Intl.PluralRules names them for the language) gives the form
 * for that count, `key.other` when the language has no text for that form; a plain `key`
 * serves every count (Indonesian does not inflect).
 */
function message(lang: Language, key: string, count: unknown): string | undefined {
  const m = messages(lang);
  if (typeof count === 'number') {
    let rules = pluralRules.get(lang);
    if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
    const form = m[`${key}.${rules.select(count)}`] ?? m[`${key}.other`];
    if (form !== undefined) return form;
  }
  return m[key];
}

/** A placeholder's value as text: strings and numbers as they are; anything else is left unfilled. */
export type FormatValue = (value: unknown, lang: Language) => string | undefined;
const plainValue: FormatValue = (value) =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

/**
 * Translates a message key, filling {name} placeholders (through `format`, plain by default); an
 * unknown key falls back to Indonesian, then to the key.
 */
export function translate(
  lang: Language,
  key: string,
  params: Record<string, unknown> = {},
  format: FormatValue = plainValue,
): string {
  const template =
    message(lang, key, params.count) ?? message(DEFAULT_LANGUAGE, key, params.count) ?? key;
  return template.replace(
    /\{(\w+)\}/g,
    (whole, name: string) => format(params[name], lang) ?? whole,
  );
}

/** Picks the language from ?lang=, the mutu_lang cookie, then Accept-Language; Indonesian by default. */
export function pickLanguage(input: {
  query?: unknown;
  cookie?: string | undefined;
  acceptLanguage?: string | undefined;
}): Language {
  const isLanguage = (v: unknown): v is Language => LANGUAGES.includes(v as Language);
  if (isLanguage(input.query)) return input.query;
  if (isLanguage(input.cookie)) return input.cookie;
  for (const part of (input.acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().slice(0, 2).toLowerCase();
    if (isLanguage(tag)) return tag;
  }
  return DEFAULT_LANGUAGE;
}
