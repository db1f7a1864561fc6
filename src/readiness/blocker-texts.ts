import { formatDateId, isIsoDay } from '../common/dates.js';
import { translate, type FormatValue, type Language } from '../i18n/i18n.js';
import { BLOCKER_KINDS, groupBlockers } from './blocker-kinds.js';
import type { Blocker, BlockerCode, BlockerParams } from './readiness.js';

/**
 * The words of readiness blockers, filled in at the edges: the API response (`message`), the pages
 * and the PDFs. readiness.ts produces `{code, params}` only.
 *
 * Adding a blocker:
 * 1. its code in `BlockerCode` (readiness.ts) and its line in `BLOCKER_KINDS` (blocker-kinds.ts:
 *    rank, and `perClause` or `reasons` when it has them); the compiler asks for the line;
 * 2. produce `{code, params}` in readiness.ts; params follow the conventions of `BlockerParams`
 *    (`count` picks the plural form, `reason` the variant, `clauses` become links, ISO days are
 *    shown as dates);
 * 3. its texts in templates/locales/id.json and en.json under `blocker.<code>`: one key per reason
 *    (`blocker.<code>.<reason>`), English plural forms as `….one` / `….other` when it has a
 *    count (Indonesian needs one form), and `blocker.<code>.grouped` (with {count}) for a
 *    per-clause kind;
 * 4. src/common/error-texts.spec.ts then proves every code has every text in both languages.
 */

/** The locale key of a blocker's text: `blocker.<code>[.<reason>][.grouped]`. */
export function blockerKey(code: BlockerCode, params: BlockerParams, grouped = false): string {
  const reason = typeof params.reason === 'string' ? `.${params.reason}` : '';
  return `blocker.${code}${reason}${grouped ? '.grouped' : ''}`;
}

/** Every key a code can need (each reason, grouped for a per-clause kind): the completeness test. */
export function blockerKeys(code: BlockerCode): string[] {
  const kind = BLOCKER_KINDS[code];
  const keys = (kind.reasons ?? [null]).map((reason) =>
    blockerKey(code, reason === null ? {} : { reason }),
  );
  return kind.perClause ? [...keys, blockerKey(code, {}, true)] : keys;
}

const NUMBERS: Record<Language, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID'),
  en: new Intl.NumberFormat('en-GB'),
};

/** 1234 → "1.234" (id), "1,234" (en); '2025-06-30' → "30 Juni 2025"; a list → "4.3, 4.4.2". */
const formatParam: FormatValue = (value, lang) => {
  if (typeof value === 'number') return NUMBERS[lang].format(value);
  if (typeof value === 'string') return isIsoDay(value) ? formatDateId(value, lang) : value;
  if (Array.isArray(value)) return value.map(String).join(', ');
  return undefined;
};

const text = (lang: Language, key: string, params: BlockerParams): string =>
  translate(lang, key, params, formatParam);

/** One blocker in one language, as the API says it. */
export const blockerText = (b: Blocker, lang: Language): string =>
  text(lang, blockerKey(b.code, b.params), b.params);

/** A blocker as the API answers it: the code, the caller's words, the params. */
export interface BlockerView {
  code: BlockerCode;
  message: string;
  params: BlockerParams;
}

export const blockerViews = (blockers: readonly Blocker[], lang: Language): BlockerView[] =>
  blockers.map((b) => ({ code: b.code, message: blockerText(b, lang), params: b.params }));

/** A line of a blocker list: the kind said once, and the clauses it names (links on pages). */
export interface BlockerLine {
  code: BlockerCode;
  text: string;
  clauses: string[];
}

/** The blockers grouped by kind, most serious first (blocker-kinds.ts), in one language. */
export const blockerLines = (blockers: readonly Blocker[], lang: Language): BlockerLine[] =>
  groupBlockers(blockers).map((g) => ({
    code: g.code,
    text: text(lang, blockerKey(g.code, g.params, g.grouped), g.params),
    clauses: g.clauses,
  }));

/** A readiness view as the API answers it: every blocker with its message. */
export type WithBlockerMessages<T> = Omit<T, 'blockers'> & { blockers: BlockerView[] };

/** A readiness view as the API answers it: every blocker with its message in `lang`. */
export const withBlockerMessages = <T extends { blockers: readonly Blocker[] }>(
  view: T,
  lang: Language,
): WithBlockerMessages<T> => ({
  ...view,
  blockers: blockerViews(view.blockers, lang),
});

/** An organisation's readiness as the API answers it: each unit's blockers with their messages. */
export const unitsWithBlockerMessages = <
  U extends { blockers: readonly Blocker[] },
  T extends { units: readonly U[] },
>(
  view: T,
  lang: Language,
): Omit<T, 'units'> & { units: WithBlockerMessages<U>[] } => ({
  ...view,
  units: view.units.map((u) => withBlockerMessages(u, lang)),
});
