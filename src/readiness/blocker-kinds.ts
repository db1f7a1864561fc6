import type { Blocker, BlockerCode, BlockerParams } from './readiness.js';

/**
 * What each kind of blocker is, beside its words (templates/locales `blocker.<code>`):
 *
 * - `rank`: most serious first wherever blockers are listed (unit page, dashboard, PDFs). Lower is
 *   more serious; gaps of 10 leave room for new kinds between the old ones. The order: an open
 *   major nonconformity and overdue corrective actions are refusals an auditor raises at once;
 *   clauses rated not met, missing documented information and missing audit/review records are
 *   gaps in the system; an outdated survey is one missing record; clauses not yet assessed are
 *   work not done rather than a failure found.
 * - `perClause`: the readiness rule raises one blocker per clause (`params.clause`); lists show
 *   them as one group, "23 klausul …: 4.3, 4.4.2, …", with the text `blocker.<code>.grouped`.
 * - `reasons`: the values `params.reason` takes; each picks the text `blocker.<code>.<reason>`.
 *
 * A Record over BlockerCode, so a new code does not compile until it has its line here.
 */
export interface BlockerKind {
  rank: number;
  perClause?: true;
  reasons?: readonly string[];
}

export const BLOCKER_KINDS: Record<BlockerCode, BlockerKind> = {
  major_open: { rank: 10 },
  corrective_actions_overdue: { rank: 20 },
  clauses_not_met: { rank: 30 },
  documented_information_missing: { rank: 40, perClause: true },
  internal_audit_missing: { rank: 50, reasons: ['none', 'expired', 'findings_unplanned'] },
  management_review_missing: {
    rank: 60,
    reasons: ['none', 'expired', 'inputs_missing', 'not_closed'],
  },
  risk_register_incomplete: { rank: 63, reasons: ['none', 'untreated', 'not_reviewed'] },
  objectives_unmeasured: { rank: 66, reasons: ['none', 'unmeasured'] },
  satisfaction_survey_missing: { rank: 70, reasons: ['none', 'too_old'] },
  document_review_overdue: { rank: 45 },
  clauses_not_assessed: { rank: 90 },
};

/** Blockers of one kind, said once. */
export interface BlockerGroup {
  code: BlockerCode;
  /** A per-clause kind merged: its text is `blocker.<code>.grouped` with {count, clauses}. */
  grouped: boolean;
  /** The blocker's own params, or {count, clauses} of a merged per-clause kind. */
  params: BlockerParams;
  /** The clauses the line names, in the order the readiness rule found them (shown as links). */
  clauses: string[];
}

const listed = (params: BlockerParams): string[] =>
  Array.isArray(params.clauses) ? params.clauses : [];

/**
 * The blockers of a unit grouped by kind, most serious first: the per-clause blockers of one kind
 * become one group listing their clauses; every other blocker is its own group, its clauses
 * (`params.clauses`) as links. Blockers of equal rank keep the readiness rule's order.
 */
export function groupBlockers(blockers: readonly Blocker[]): BlockerGroup[] {
  const groups: BlockerGroup[] = [];
  const perClause = new Map<BlockerCode, BlockerGroup>();
  for (const b of blockers) {
    if (!BLOCKER_KINDS[b.code].perClause) {
      groups.push({ code: b.code, grouped: false, params: b.params, clauses: listed(b.params) });
      continue;
    }
    let group = perClause.get(b.code);
    if (!group) {
      group = { code: b.code, grouped: true, params: {}, clauses: [] };
      perClause.set(b.code, group);
      groups.push(group);
    }
    const clause = b.params.clause;
    group.clauses.push(...(typeof clause === 'string' ? [clause] : listed(b.params)));
  }
  for (const g of perClause.values()) g.params = { count: g.clauses.length, clauses: g.clauses };
  // Array.prototype.sort is stable: equal ranks keep their order.
  return groups.sort((a, b) => BLOCKER_KINDS[a.code].rank - BLOCKER_KINDS[b.code].rank);
}

/**
 * The kinds of a unit's blockers, each once, most serious first: what a list of many units names
 * (the unit's own readiness says every blocker in full).
 */
export const blockerCodesOf = (blockers: readonly Blocker[]): BlockerCode[] => [
  ...new Set(groupBlockers(blockers).map((g) => g.code)),
];
