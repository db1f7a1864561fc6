import type { Language } from '../i18n/i18n.js';
import { blockerLines } from '../readiness/blocker-texts.js';
import type { Blocker } from '../readiness/readiness.js';

/** Clause links shown before the rest fold away (a unit not yet assessed names 65 clauses). */
const SHOWN_CLAUSES = 8;

export interface ClauseLink {
  number: string;
  href: string;
}

export interface BlockerListItem {
  code: string;
  text: string;
  clauses: ClauseLink[];
  moreClauses: ClauseLink[];
}

/**
 * A unit's blockers as a page lists them (partials/blocker-list.hbs): grouped by kind, most serious
 * first (readiness/blocker-kinds.ts), each clause a link to its row of the unit's checklist.
 * `unitHref` is '' on the unit page itself, `/units/<id>` elsewhere.
 */
export function blockerList(
  blockers: readonly Blocker[],
  lang: Language,
  unitHref = '',
): BlockerListItem[] {
  return blockerLines(blockers, lang).map((line) => {
    const links = line.clauses.map((number) => ({ number, href: `${unitHref}#clause-${number}` }));
    return {
      code: line.code,
      text: line.text,
      clauses: links.slice(0, SHOWN_CLAUSES),
      moreClauses: links.slice(SHOWN_CLAUSES),
    };
  });
}
