import {
  addMonths,
  availableTransitions,
  formatDocumentNumber,
  isDocumentPresent,
  isReviewDue,
  isReviewOverdue,
  isRevisionEditable,
  isValidNumberPattern,
  judgeTransition,
  nextReviewOn,
} from './document-rules.js';
import type { DocumentPower, RevisionState } from './document-types.js';

const W: DocumentPower[] = ['write'];
const A: DocumentPower[] = ['approve'];

describe('revision life cycle', () => {
  it.each<[RevisionState, RevisionState, DocumentPower[], boolean, string]>([
    ['draft', 'in_review', W, true, 'ok'],
    ['draft', 'in_review', A, false, 'power_missing'],
    ['in_review', 'draft', W, true, 'ok'],
    ['in_review', 'draft', A, false, 'ok'],
    ['in_review', 'approved', A, false, 'ok'],
    ['in_review', 'approved', A, true, 'own_revision'],
    ['in_review', 'approved', W, false, 'power_missing'],
    ['approved', 'effective', A, true, 'ok'],
    ['approved', 'effective', W, false, 'power_missing'],
    ['effective', 'superseded', A, false, 'ok'],
    ['effective', 'withdrawn', A, false, 'ok'],
    ['draft', 'withdrawn', W, true, 'ok'],
    ['draft', 'approved', A, false, 'not_allowed_now'],
    ['draft', 'effective', A, false, 'not_allowed_now'],
    ['superseded', 'effective', A, false, 'not_allowed_now'],
    ['withdrawn', 'draft', W, false, 'not_allowed_now'],
    ['effective', 'draft', W, false, 'not_allowed_now'],
  ])('%s → %s with %j (author %s): %s', (from, to, powers, isAuthor, expected) => {
    const verdict = judgeTransition(from, to, powers, isAuthor);
    expect(verdict.ok ? 'ok' : verdict.reason).toBe(expected);
  });

  it('names the allowed next steps when refusing', () => {
    expect(judgeTransition('draft', 'effective', A, false)).toEqual({
      ok: false,
      reason: 'not_allowed_now',
      allowed: ['in_review', 'withdrawn'],
    });
    expect(judgeTransition('superseded', 'draft', W, false)).toEqual({
      ok: false,
      reason: 'not_allowed_now',
      allowed: [],
    });
  });

  it.each<[RevisionState, DocumentPower[], boolean, RevisionState[]]>([
    ['draft', W, true, ['in_review', 'withdrawn']],
    ['in_review', A, true, ['draft']],
    ['in_review', A, false, ['draft', 'approved']],
    ['in_review', W, true, ['draft', 'withdrawn']],
    ['approved', A, false, ['effective', 'withdrawn']],
    ['effective', W, false, []],
  ])('buttons in %s for %j (author %s): %j', (from, powers, isAuthor, expected) => {
    expect(availableTransitions(from, powers, isAuthor)).toEqual(expected);
  });

  it.each<[RevisionState, boolean]>([
    ['draft', true],
    ['in_review', false],
    ['approved', false],
    ['effective', false],
    ['superseded', false],
  ])('a %s revision editable: %s', (state, editable) => {
    expect(isRevisionEditable(state)).toBe(editable);
  });
});

describe('document numbers', () => {
  it.each([
    ['{type}/{unit}/{seq:3}', 'procedure', 'DUKCAPIL', 7, 'SOP/DUKCAPIL/007'],
    ['{type}/{unit}/{seq:3}', 'manual', 'SETDA', 1, 'MM/SETDA/001'],
    ['{unit}-{type}-{year}-{seq:2}', 'form', 'RSUD', 12, 'RSUD-FRM-2026-12'],
    ['{type}.{seq}', 'service_pledge', 'BKD', 1234, 'MP.1234'],
  ] as const)('%s for %s of %s no. %d → %s', (pattern, type, unitCode, seq, expected) => {
    expect(isValidNumberPattern(pattern)).toBe(true);
    expect(formatDocumentNumber(pattern, { type, unitCode, year: 2026, seq })).toBe(expected);
  });

  it.each([
    ['', false],
    ['{type}/{unit}', false],
    ['{seq}/{seq}', false],
    ['{type}/{nope}/{seq}', false],
    ['{type} {seq}', false],
    ['x'.repeat(60) + '{seq}', false],
    ['DOC-{seq:4}', true],
  ])('pattern %j valid: %s', (pattern, valid) => {
    expect(isValidNumberPattern(pattern)).toBe(valid);
  });
});

describe('periodic review', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-11-15', 12, '2027-11-15'],
    ['2026-12-01', 1, '2027-01-01'],
    ['2026-06-30', 18, '2027-12-30'],
  ])('%s + %d months = %s', (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });

  it.each([
    [null, null, 12, null],
    ['2026-01-10', null, 12, '2027-01-10'],
    ['2026-01-10', '2026-06-01', 12, '2027-06-01'],
    ['2026-01-10', '2025-06-01', 12, '2027-01-10'],
  ])('effective %s, reviewed %s, every %d months → next %s', (from, reviewed, months, next) => {
    expect(nextReviewOn(from, reviewed, months)).toBe(next);
  });

  it.each([
    ['2027-01-10', '2027-01-10', false, false],
    ['2027-01-10', '2027-01-11', true, false],
    ['2027-01-10', '2027-02-09', true, false],
    ['2027-01-10', '2027-02-10', true, true],
    [null, '2030-01-01', false, false],
  ])('next review %s, today %s: due %s, overdue past 30 days %s', (next, today, due, overdue) => {
    expect(isReviewDue(next, today)).toBe(due);
    expect(isReviewOverdue(next, today, 30)).toBe(overdue);
  });

  it.each([
    [{ effective: true, rejected: false, nextReviewOn: '2027-01-10' }, '2027-01-10', true],
    [{ effective: true, rejected: false, nextReviewOn: '2027-01-10' }, '2027-02-09', true],
    [{ effective: true, rejected: false, nextReviewOn: '2027-01-10' }, '2027-02-10', false],
    [{ effective: true, rejected: true, nextReviewOn: '2027-01-10' }, '2026-12-01', false],
    [{ effective: false, rejected: false, nextReviewOn: null }, '2026-12-01', false],
  ])('%j counts on %s: %s', (doc, today, present) => {
    expect(isDocumentPresent({ ...doc, clauseNumbers: ['7.5.1'] }, today, 30)).toBe(present);
  });
});
