import { addDays, assertIsoDay } from '../common/dates.js';
import type { DocumentPower, DocumentType, RevisionState } from './document-types.js';

/**
 * The rules of document control (ISO 9001 7.5.2–7.5.3) as plain functions.
 *
 * Revision life cycle: draft → in_review → approved → effective → superseded, with in_review →
 * draft (sent back for changes) and withdrawn from every state before superseded. The officer
 * writes and submits; the approver (the head of the unit) approves and puts into effect, and never
 * approves a revision they wrote. Making a revision effective supersedes the one effective before
 * it, so a document has at most one effective revision.
 */

interface Step {
  from: RevisionState;
  to: RevisionState;
  by: DocumentPower;
}

const STEPS: readonly Step[] = [
  { from: 'draft', to: 'in_review', by: 'write' },
  { from: 'in_review', to: 'draft', by: 'write' },
  { from: 'in_review', to: 'draft', by: 'approve' },
  { from: 'in_review', to: 'approved', by: 'approve' },
  { from: 'approved', to: 'effective', by: 'approve' },
  { from: 'effective', to: 'superseded', by: 'approve' },
  { from: 'draft', to: 'withdrawn', by: 'write' },
  { from: 'in_review', to: 'withdrawn', by: 'write' },
  { from: 'approved', to: 'withdrawn', by: 'approve' },
  { from: 'effective', to: 'withdrawn', by: 'approve' },
];

/** Every state one step away from `state`, whoever takes it (named in a 409). */
export function nextRevisionStates(state: RevisionState): RevisionState[] {
  return [...new Set(STEPS.filter((s) => s.from === state).map((s) => s.to))];
}

export type TransitionVerdict =
  | { ok: true }
  | { ok: false; reason: 'not_allowed_now'; allowed: RevisionState[] }
  | { ok: false; reason: 'power_missing' }
  | { ok: false; reason: 'own_revision' };

/**
 * Whether a caller holding `powers` may move a revision from `from` to `to`. `isAuthor`: the caller
 * wrote the revision, which bars approving it (7.5.2 b: reviewed and approved by someone else).
 */
export function judgeTransition(
  from: RevisionState,
  to: RevisionState,
  powers: readonly DocumentPower[],
  isAuthor: boolean,
): TransitionVerdict {
  const steps = STEPS.filter((s) => s.from === from && s.to === to);
  if (steps.length === 0)
    return { ok: false, reason: 'not_allowed_now', allowed: nextRevisionStates(from) };
  if (!steps.some((s) => powers.includes(s.by))) return { ok: false, reason: 'power_missing' };
  if (to === 'approved' && isAuthor) return { ok: false, reason: 'own_revision' };
  return { ok: true };
}

/** The steps a caller may take now (the buttons of the page). */
export function availableTransitions(
  from: RevisionState,
  powers: readonly DocumentPower[],
  isAuthor: boolean,
): RevisionState[] {
  return nextRevisionStates(from).filter((to) => judgeTransition(from, to, powers, isAuthor).ok);
}

/** Only a draft's summary may change; anything later is fixed (make a new revision). */
export const isRevisionEditable = (state: RevisionState): boolean => state === 'draft';

/** A revision still on its way (a document has at most one: finish or withdraw it first). */
export const isRevisionOpen = (state: RevisionState): boolean =>
  state === 'draft' || state === 'in_review' || state === 'approved';

/** Prefix of a document number per type, e.g. SOP for a procedure. */
export const TYPE_PREFIX: Record<DocumentType, string> = {
  manual: 'MM',
  procedure: 'SOP',
  work_instruction: 'IK',
  form: 'FRM',
  service_standard: 'SP',
  service_pledge: 'MP',
  external: 'EXT',
  record_template: 'REK',
};

/** The default pattern: `{type}/{unit}/{seq:3}` → SOP/DUKCAPIL/007. */
export const DEFAULT_NUMBER_PATTERN = '{type}/{unit}/{seq:3}';

const PLACEHOLDER = /\{(type|unit|year|seq(?::(\d))?)\}/g;

/** Whether a pattern is usable: only known placeholders, exactly one {seq}, at most 64 characters. */
export function isValidNumberPattern(pattern: string): boolean {
  if (pattern.length === 0 || pattern.length > 64) return false;
  const stripped = pattern.replace(PLACEHOLDER, '');
  if (/[{}]/.test(stripped) || !/^[A-Za-z0-9./_-]*$/.test(stripped)) return false;
  return (pattern.match(/\{seq(?::\d)?\}/g) ?? []).length === 1;
}

/** The number `pattern` gives the `seq`-th document of a type in a unit, in a year. */
export function formatDocumentNumber(
  pattern: string,
  values: { type: DocumentType; unitCode: string; year: number; seq: number },
): string {
  return pattern.replace(PLACEHOLDER, (_all, name: string, width?: string) => {
    if (name === 'type') return TYPE_PREFIX[values.type];
    if (name === 'unit') return values.unitCode;
    if (name === 'year') return String(values.year);
    return String(values.seq).padStart(Number(width ?? 1), '0');
  });
}

/** Adds calendar months to a day, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(isoDay: string, months: number): string {
  assertIsoDay(isoDay);
  const [y, m, d] = isoDay.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/**
 * The next review day of a document: `reviewMonths` after its effective revision took effect or
 * after its last periodic review, whichever is later. Null without an effective revision.
 */
export function nextReviewOn(
  effectiveFrom: string | null,
  lastReviewedOn: string | null,
  reviewMonths: number,
): string | null {
  if (effectiveFrom === null) return null;
  const base = lastReviewedOn && lastReviewedOn > effectiveFrom ? lastReviewedOn : effectiveFrom;
  return addMonths(base, reviewMonths);
}

/** Past its review day (the review day itself is still in date). */
export const isReviewDue = (next: string | null, today: string): boolean =>
  next !== null && next < today;

/** Past its review day by more than the grace period: a readiness blocker for its clauses. */
export const isReviewOverdue = (next: string | null, today: string, graceDays: number): boolean =>
  next !== null && addDays(next, graceDays) < today;

/** What readiness needs of a controlled document (loaded in readiness-data.ts). */
export interface DocumentPresence {
  clauseNumbers: readonly string[];
  /** Has an effective revision. */
  effective: boolean;
  nextReviewOn: string | null;
  /** An assessor rejected it as documented information (reason recorded). */
  rejected: boolean;
}

/**
 * Counts as accepted documented information: effective, not rejected by an assessor, and in date:
 * its review is not overdue beyond the grace period (a review just due is flagged on the pages but
 * still counts, so that a unit has the grace period to hold the review).
 */
export const isDocumentPresent = (d: DocumentPresence, today: string, graceDays: number): boolean =>
  d.effective && !d.rejected && !isReviewOverdue(d.nextReviewOn, today, graceDays);

/** The grace period before an overdue review blocks readiness, unless configured. */
export const DEFAULT_REVIEW_GRACE_DAYS = 30;
