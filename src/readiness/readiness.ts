import type { Rating } from '../assessments/assessment-types.js';
import {
  addCounts,
  countRating,
  emptyCounts,
  scoreOf,
  toPercent,
  type ClauseCounts,
} from '../assessments/score-rules.js';
import { addDays, assertIsoDay, yearAfter } from '../common/dates.js';
import {
  DEFAULT_REVIEW_GRACE_DAYS,
  isDocumentPresent,
  isReviewOverdue,
  type DocumentPresence,
} from '../documents/document-rules.js';
import { isEvidencePresent, type EvidencePresence } from '../evidence/evidence-rules.js';
import { isNonconformity, isOverdue, isResolved } from '../findings/finding-rules.js';
import type { FindingGrade, FindingState } from '../findings/finding-types.js';
import { REVIEW_INPUTS } from '../management-review/review-rules.js';
import { nextDueDay, unmeasured, type ObjectiveDue } from '../objectives/objective-rules.js';
import { registerGaps, type RegisterEntry } from '../risks/risk-rules.js';
import { clauseSortKey, compareClauseNumbers } from '../standards/standard-rules.js';

/**
 * Readiness for certification, computed from plain data (DESIGN.md, "Readiness").
 *
 * Decision on ratings: a leaf rated not met or not yet assessed blocks certification; partly met
 * does not block, it only lowers the score (0.5). The score itself is never a blocker: a unit at
 * 70 % with every leaf at least partly met and nothing else missing is ready. Not-applicable
 * leaves neither count in the score nor block.
 */

export interface ReadinessClause {
  number: string;
  parentNumber: string | null;
  isLeaf: boolean;
  maintainsDocuments: boolean;
  retainsRecords: boolean;
}

export interface ClauseRatingInput {
  clauseNumber: string;
  applicable: boolean;
  rating: Rating;
}

export interface EvidenceInput extends EvidencePresence {
  clauseNumbers: readonly string[];
}

export interface FindingInput {
  clauseNumber: string;
  grade: FindingGrade;
  state: FindingState;
  dueOn: string | null;
}

export interface UnitReadinessInput {
  clauses: readonly ReadinessClause[];
  /** One per leaf; a leaf without one counts as applicable and not assessed. */
  ratings: readonly ClauseRatingInput[];
  evidence: readonly EvidenceInput[];
  findings: readonly FindingInput[];
  /** 'YYYY-MM-DD' in Asia/Makassar, computed by the caller (todayInZone). */
  today: string;
  /**
   * Last day of the period of the unit's latest public satisfaction survey (SKM), null when it has
   * none. Left out (undefined), the survey check is skipped.
   */
  lastSurveyEndsOn?: string | null;
  /**
   * The unit's open risk register entries (6.1). Left out (undefined), the register check is
   * skipped; an empty list blocks.
   */
  riskRegister?: readonly RegisterEntry[];
  /** The unit's open quality objectives (6.2) with the periods measured; undefined skips the check. */
  objectives?: readonly ObjectiveDue[];
  /**
   * Controlled documents with an effective revision (the unit's own and its organisation's
   * organisation-wide ones): an in-date one counts as accepted documented information for its
   * clauses; one overdue for review past the grace period blocks. Left out, nothing changes.
   */
  documents?: readonly DocumentPresence[];
  /** Days a review may be late before it blocks (MUTU_DOCUMENT_REVIEW_GRACE_DAYS). */
  documentReviewGraceDays?: number;
  /**
   * The unit's most recently completed internal audit (an `internal_audit` assessment that was
   * reported), null when it has none. Left out (undefined), the internal audit check is skipped.
   */
  lastInternalAudit?: InternalAuditInput | null;
  /**
   * The unit's management review that counts: its latest closed one, or, when that is older than
   * 12 months (or missing), its latest draft of the last 12 months (to name what it still lacks).
   * Null when it has none. Left out (undefined), the management review check is skipped.
   */
  lastManagementReview?: ManagementReviewInput | null;
}

export interface InternalAuditInput {
  /** Its end day (its start day when it has none). */
  completedOn: string;
  /** Its major and minor nonconformities without a corrective-action plan (open or reopened). */
  unplannedFindings: number;
}

export interface ManagementReviewInput {
  heldOn: string;
  closed: boolean;
  /** Codes of the 9.3.2 inputs it has not discussed (review-rules.ts). */
  missingInputs: readonly string[];
}

export interface ClauseSummary extends ClauseCounts {
  clause: string;
  score: number | null;
  percent: number | null;
}

/**
 * Why a unit is not ready. A blocker is data only, `{code, params}`: its words live in
 * templates/locales under `blocker.<code>` and are filled in at the edges (API response, pages,
 * PDFs) by blocker-texts.ts. Adding a blocker: see the steps at the top of blocker-texts.ts.
 */
export type BlockerCode =
  | 'clauses_not_assessed'
  | 'clauses_not_met'
  | 'major_open'
  | 'documented_information_missing'
  | 'internal_audit_missing'
  | 'management_review_missing'
  | 'corrective_actions_overdue'
  | 'satisfaction_survey_missing'
  | 'risk_register_incomplete'
  | 'objectives_unmeasured'
  | 'document_review_overdue';

/**
 * What a blocker's text names. By convention: `count` (a number: picks the plural form),
 * `clause` (the one clause it is about), `clauses` (clause numbers it lists, shown as links),
 * `reason` (picks the text variant `blocker.<code>.<reason>`), ISO days ('2026-06-30', shown as a
 * date in the reader's language).
 */
export type BlockerParams = Record<string, string | number | string[]>;

export interface Blocker {
  code: BlockerCode;
  params: BlockerParams;
}

export interface UnitReadiness {
  score: number | null;
  percent: number | null;
  ready: boolean;
  blockers: Blocker[];
  /** Top-level clauses (4–10) in natural order. */
  groups: ClauseSummary[];
  documentedInformation: {
    required: number;
    covered: number;
    coverage: number | null;
    missing: string[];
  };
  overdueActions: number;
  counts: ClauseCounts & {
    leaves: number;
    /** Findings not yet verified or closed, per grade. */
    openFindings: Record<FindingGrade, number>;
  };
}

const summary = (clause: string, counts: ClauseCounts): ClauseSummary => {
  const score = scoreOf(counts);
  return { clause, score, percent: toPercent(score), ...counts };
};

/**
 * What a catalogue tells once, whatever the unit: natural order, leaves, each clause's chain of
 * ancestors. Built per call (per distinct catalogue in organisationReadiness), never cached across
 * calls, so the functions stay pure; it spares a national roll-up from sorting the same clause
 * numbers and walking the same tree for every one of thousands of units.
 */
interface CatalogueIndex {
  /** Every clause number, in natural order. */
  sorted: string[];
  /** Leaf numbers, in natural order. */
  leaves: string[];
  /** The clause and every ancestor of it, walking up parentNumber. */
  chain: Map<string, string[]>;
  topLevel: Set<string>;
  needsDocuments: Set<string>;
}

/** The clause and every ancestor of it, walking up parentNumber. */
function selfAndAncestors(number: string, parents: Map<string, string | null>): string[] {
  const chain: string[] = [];
  for (let n: string | null | undefined = number; n; n = parents.get(n)) {
    if (chain.includes(n)) throw new RangeError(`Clause tree has a cycle at ${n}`);
    chain.push(n);
  }
  return chain;
}

function indexCatalogue(clauses: readonly ReadinessClause[]): CatalogueIndex {
  const keys = new Map(clauses.map((c) => [c.number, clauseSortKey(c.number)]));
  const byKey = (a: string, b: string): number => {
    const ka = keys.get(a)!;
    const kb = keys.get(b)!;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
  const parents = new Map(clauses.map((c) => [c.number, c.parentNumber]));
  return {
    sorted: [...keys.keys()].sort(byKey),
    leaves: clauses
      .filter((c) => c.isLeaf)
      .map((c) => c.number)
      .sort(byKey),
    chain: new Map(clauses.map((c) => [c.number, selfAndAncestors(c.number, parents)])),
    topLevel: new Set(clauses.filter((c) => c.parentNumber === null).map((c) => c.number)),
    needsDocuments: new Set(
      clauses.filter((c) => c.maintainsDocuments || c.retainsRecords).map((c) => c.number),
    ),
  };
}

/** The rating of every leaf, in natural order. Ratings of unknown or non-leaf clauses are ignored. */
function leafRatings(
  index: CatalogueIndex,
  ratings: readonly ClauseRatingInput[],
): ClauseRatingInput[] {
  const byClause = new Map<string, ClauseRatingInput>();
  for (const r of ratings) {
    if (byClause.has(r.clauseNumber))
      throw new RangeError(`Clause ${r.clauseNumber} is rated twice`);
    byClause.set(r.clauseNumber, r);
  }
  return index.leaves.map(
    (number) =>
      byClause.get(number) ?? {
        clauseNumber: number,
        applicable: true,
        rating: 'not_assessed' as const,
      },
  );
}

/** Counts of the clauses in `only` (all when left out), each leaf rolled up to every ancestor. */
function rollUp(
  index: CatalogueIndex,
  leaves: readonly ClauseRatingInput[],
  only?: Set<string>,
): ClauseSummary[] {
  const counts = new Map<string, ClauseCounts>();
  for (const n of index.sorted) if (!only || only.has(n)) counts.set(n, emptyCounts());
  for (const rating of leaves) {
    for (const n of index.chain.get(rating.clauseNumber) ?? []) {
      const c = counts.get(n);
      if (c) countRating(c, rating);
    }
  }
  return [...counts].map(([clause, c]) => summary(clause, c));
}

/** Score and counts of every clause (leaf or group) in natural order: leaves roll up to each ancestor. */
export function summariseClauses(
  clauses: readonly ReadinessClause[],
  ratings: readonly ClauseRatingInput[],
): ClauseSummary[] {
  const index = indexCatalogue(clauses);
  return rollUp(index, leafRatings(index, ratings));
}

type CountCode =
  'clauses_not_assessed' | 'clauses_not_met' | 'major_open' | 'corrective_actions_overdue';

function countBlocker(code: CountCode, n: number, clauses?: string[]): Blocker[] {
  if (n === 0) return [];
  return [{ code, params: clauses ? { count: n, clauses } : { count: n } }];
}

const documentBlocker = (clause: string): Blocker => ({
  code: 'documented_information_missing',
  params: { clause },
});

/**
 * Internal audit (9.2) and management review (9.3) are judged from Mutu's own records, not from
 * uploaded files (docs/AUDIT-PROGRAMME-AND-REVIEW.md says why):
 *
 * - an internal audit of the unit (an `internal_audit` assessment, usually run from the audit
 *   programme) was completed, i.e. reported, within the last 12 months, and each of its major or
 *   minor nonconformities has a corrective-action plan;
 * - a management review of the unit was held within the last 12 months and closed, which it can be
 *   only once every 9.3.2 input was discussed.
 *
 * Evidence on 9.2.x / 9.3.x still counts where those leaves ask for documented information.
 */
function internalAuditBlocker(
  audit: InternalAuditInput | null | undefined,
  today: string,
): Blocker[] {
  if (audit === undefined) return [];
  const code = 'internal_audit_missing';
  if (audit === null) return [{ code, params: { reason: 'none' } }];
  if (yearAfter(audit.completedOn) < today)
    return [{ code, params: { reason: 'expired', completedOn: audit.completedOn } }];
  if (audit.unplannedFindings > 0)
    return [{ code, params: { reason: 'findings_unplanned', count: audit.unplannedFindings } }];
  return [];
}

function managementReviewBlocker(
  review: ManagementReviewInput | null | undefined,
  today: string,
): Blocker[] {
  if (review === undefined) return [];
  const code = 'management_review_missing';
  if (review === null) return [{ code, params: { reason: 'none' } }];
  if (yearAfter(review.heldOn) < today)
    return [{ code, params: { reason: 'expired', heldOn: review.heldOn } }];
  if (review.closed && review.missingInputs.length === 0) return [];
  const missing = [...review.missingInputs];
  return [
    {
      code,
      params: missing.length
        ? {
            reason: 'inputs_missing',
            heldOn: review.heldOn,
            count: missing.length,
            inputs: missing,
            // The 9.3.2 items by their clause references ("9.3.2 a"): the same in both languages.
            inputClauses: missing.map((c) => REVIEW_INPUTS.find((i) => i.code === c)?.clause ?? c),
          }
        : { reason: 'not_closed', heldOn: review.heldOn },
    },
  ];
}

/**
 * Permenpan RB 14/2017 asks every service unit for a satisfaction survey at least once a year
 * (ISO 9001 9.1.2): a unit whose latest survey period ended more than 12 months ago, or that has
 * none, is not ready.
 */
function surveyBlocker(lastEndsOn: string | null | undefined, today: string): Blocker[] {
  if (lastEndsOn === undefined) return [];
  if (lastEndsOn !== null && yearAfter(lastEndsOn) >= today) return [];
  return [
    {
      code: 'satisfaction_survey_missing',
      params: lastEndsOn ? { reason: 'too_old', lastPeriodEndsOn: lastEndsOn } : { reason: 'none' },
    },
  ];
}

/**
 * 6.1 counts as evidenced when the unit keeps a risk register, every high or extreme risk has a
 * treatment, and every entry was reviewed within the last 12 months; each gap is its own blocker
 * naming the entries (their codes). A catalogue without clause 6.1 skips the check.
 */
function riskBlockers(
  index: CatalogueIndex,
  entries: readonly RegisterEntry[] | undefined,
  today: string,
): Blocker[] {
  if (entries === undefined || !index.chain.has('6.1')) return [];
  const gaps = registerGaps(entries, today);
  if (gaps.empty) return [{ code: 'risk_register_incomplete', params: { reason: 'none' } }];
  return (
    [
      ['untreated', gaps.untreated],
      ['not_reviewed', gaps.stale],
    ] as const
  )
    .filter(([, risks]) => risks.length > 0)
    .map(([reason, risks]) => ({
      code: 'risk_register_incomplete',
      params: { reason, count: risks.length, risks: [...risks] },
    }));
}

/**
 * 6.2 counts as evidenced when the unit has quality objectives and each has a measurement for its
 * last due period (objective-rules.ts). A catalogue without clause 6.2 skips the check.
 */
function objectiveBlockers(
  index: CatalogueIndex,
  objectives: readonly ObjectiveDue[] | undefined,
  today: string,
): Blocker[] {
  if (objectives === undefined || !index.chain.has('6.2')) return [];
  if (objectives.length === 0)
    return [{ code: 'objectives_unmeasured', params: { reason: 'none' } }];
  const missing = unmeasured(objectives, today);
  if (missing.length === 0) return [];
  return [
    {
      code: 'objectives_unmeasured',
      params: { reason: 'unmeasured', count: missing.length, objectives: missing },
    },
  ];
}

/**
 * ISO 9001 7.5.2–7.5.3: documents are kept current. A controlled document whose periodic review
 * is overdue by more than the grace period blocks certification for the clauses it serves.
 */
function documentReviewBlocker(input: UnitReadinessInput): Blocker[] {
  const grace = input.documentReviewGraceDays ?? DEFAULT_REVIEW_GRACE_DAYS;
  const overdue = (input.documents ?? []).filter(
    (d) => d.effective && isReviewOverdue(d.nextReviewOn, input.today, grace),
  );
  if (overdue.length === 0) return [];
  const clauses = [...new Set(overdue.flatMap((d) => d.clauseNumbers))].sort(compareClauseNumbers);
  return [
    {
      code: 'document_review_overdue',
      params: { count: overdue.length, clauses, graceDays: grace },
    },
  ];
}

function readinessOf(index: CatalogueIndex, input: UnitReadinessInput): UnitReadiness {
  const { evidence, findings, today } = input;
  assertIsoDay(today);
  const leaves = leafRatings(index, input.ratings);
  const counts = emptyCounts();
  for (const leaf of leaves) countRating(counts, leaf);

  const grace = input.documentReviewGraceDays ?? DEFAULT_REVIEW_GRACE_DAYS;
  const presentOn = new Set([
    ...evidence.filter((e) => isEvidencePresent(e, today)).flatMap((e) => e.clauseNumbers),
    ...(input.documents ?? [])
      .filter((d) => isDocumentPresent(d, today, grace))
      .flatMap((d) => d.clauseNumbers),
  ]);
  // Evidence on a parent does not cover a leaf: the leaf asks for its own document or record.
  const required = leaves
    .filter((l) => l.applicable && index.needsDocuments.has(l.clauseNumber))
    .map((l) => l.clauseNumber);
  const missing = required.filter((n) => !presentOn.has(n));

  const openFindings: Record<FindingGrade, number> = {
    major: 0,
    minor: 0,
    observation: 0,
    improvement: 0,
  };
  for (const f of findings) if (!isResolved(f.state)) openFindings[f.grade] += 1;
  const overdueActions = findings.filter((f) => isOverdue(f, today)).length;

  const rated = (r: Rating) =>
    leaves.filter((l) => l.applicable && l.rating === r).map((l) => l.clauseNumber);
  const blockers: Blocker[] = [
    ...countBlocker('clauses_not_assessed', counts.notAssessed, rated('not_assessed')),
    ...countBlocker('clauses_not_met', counts.notMet, rated('not_met')),
    ...countBlocker('major_open', openFindings.major),
    ...missing.map(documentBlocker),
    // A catalogue without the clause (another standard) skips the check.
    ...(index.chain.has('9.2') ? internalAuditBlocker(input.lastInternalAudit, today) : []),
    ...(index.chain.has('9.3') ? managementReviewBlocker(input.lastManagementReview, today) : []),
    ...countBlocker('corrective_actions_overdue', overdueActions),
    ...surveyBlocker(input.lastSurveyEndsOn, today),
    ...riskBlockers(index, input.riskRegister, today),
    ...objectiveBlockers(index, input.objectives, today),
    ...documentReviewBlocker(input),
  ];

  const score = scoreOf(counts);
  return {
    score,
    percent: toPercent(score),
    ready: blockers.length === 0,
    blockers,
    groups: rollUp(index, leaves, index.topLevel),
    documentedInformation: {
      required: required.length,
      covered: required.length - missing.length,
      coverage: required.length === 0 ? null : (required.length - missing.length) / required.length,
      missing,
    },
    overdueActions,
    counts: { ...counts, leaves: leaves.length, openFindings },
  };
}

export function unitReadiness(input: UnitReadinessInput): UnitReadiness {
  return readinessOf(indexCatalogue(input.clauses), input);
}

/**
 * The first day after `input.today` on which the result can change with nothing written: the day
 * after the last valid day of evidence that counts today, or after the due date of an open
 * nonconformity's action that is not yet overdue. Null when no date lies ahead. A day that turns
 * out to change nothing only costs a recomputation; a day missed would leave a stale result.
 */
export function nextSelfChangeDay(input: UnitReadinessInput): string | null {
  const { today } = input;
  assertIsoDay(today);
  let next: string | null = null;
  const consider = (lastDay: string | null): void => {
    if (lastDay === null || lastDay < today) return;
    const day = addDays(lastDay, 1);
    if (next === null || day < next) next = day;
  };
  for (const e of input.evidence) if (isEvidencePresent(e, today)) consider(e.validUntil);
  for (const f of input.findings)
    if (isNonconformity(f.grade) && !isResolved(f.state)) consider(f.dueOn);
  // A register entry's review runs out 12 months on; an objective's next period falls due.
  for (const r of input.riskRegister ?? []) consider(yearAfter(r.reviewedOn));
  for (const o of input.objectives ?? [])
    consider(addDays(nextDueDay(o.frequency, o.firstPeriod, today), -1));
  // A document's review falls overdue past the grace: it stops counting and starts blocking.
  const grace = input.documentReviewGraceDays ?? DEFAULT_REVIEW_GRACE_DAYS;
  for (const d of input.documents ?? [])
    if (d.effective && d.nextReviewOn) consider(addDays(d.nextReviewOn, grace));
  // The last day an audit or a review still counts is one year after it.
  if (input.lastInternalAudit) consider(yearAfter(input.lastInternalAudit.completedOn));
  if (input.lastManagementReview) consider(yearAfter(input.lastManagementReview.heldOn));
  return next;
}

export interface UnitReadinessRequest extends UnitReadinessInput {
  unitId: string;
}

export interface OrganisationReadiness {
  /** Mean over the applicable leaves of all units together. */
  score: number | null;
  percent: number | null;
  /** Plain mean of the unit scores (units with no applicable leaf left out). */
  meanOfUnits: number | null;
  readyUnits: number;
  units: (UnitReadiness & { unitId: string })[];
}

/**
 * The city's score pools every applicable leaf of every unit, as DESIGN.md rolls up "over the
 * applicable leaf clauses below": a unit with more applicable clauses weighs more. meanOfUnits,
 * where each unit weighs the same, is there for a management view that wants units side by side.
 */
export function organisationReadiness(
  units: readonly UnitReadinessRequest[],
): OrganisationReadiness {
  // Units of one catalogue share its index (the loader hands them the same clause array).
  const indexes = new Map<readonly ReadinessClause[], CatalogueIndex>();
  const indexFor = (clauses: readonly ReadinessClause[]): CatalogueIndex => {
    let index = indexes.get(clauses);
    if (!index) indexes.set(clauses, (index = indexCatalogue(clauses)));
    return index;
  };
  const results = units.map(({ unitId, ...input }) => ({
    unitId,
    ...readinessOf(indexFor(input.clauses), input),
  }));
  const pooled = emptyCounts();
  for (const r of results) addCounts(pooled, r.counts);
  const scores = results.map((r) => r.score).filter((s): s is number => s !== null);
  const score = scoreOf(pooled);
  return {
    score,
    percent: toPercent(score),
    meanOfUnits: scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length,
    readyUnits: results.filter((r) => r.ready).length,
    units: results,
  };
}
