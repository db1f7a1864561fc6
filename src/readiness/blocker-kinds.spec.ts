import { BLOCKER_KINDS, blockerCodesOf, groupBlockers } from './blocker-kinds.js';
import { blockerLines } from './blocker-texts.js';
import type { Blocker, BlockerCode } from './readiness.js';

const doc = (clause: string): Blocker => ({
  code: 'documented_information_missing',
  params: { clause },
});
const counted = (code: BlockerCode, count: number, clauses?: string[]): Blocker => ({
  code,
  params: clauses ? { count, clauses } : { count },
});

describe('groupBlockers', () => {
  it.each<[string, Blocker[], { code: BlockerCode; clauses: string[]; count?: number }[]]>([
    ['nothing', [], []],
    [
      'per-clause blockers of one kind become one group, in the order found',
      [doc('4.3'), doc('4.4.2'), doc('10.2.2')],
      [{ code: 'documented_information_missing', clauses: ['4.3', '4.4.2', '10.2.2'], count: 3 }],
    ],
    [
      'a single per-clause blocker is a group of one',
      [doc('7.2')],
      [{ code: 'documented_information_missing', clauses: ['7.2'], count: 1 }],
    ],
    [
      'most serious first, whatever order the rule found them in',
      [
        counted('clauses_not_assessed', 2, ['4.1', '4.2']),
        counted('clauses_not_met', 1, ['5.1']),
        doc('4.3'),
        counted('major_open', 1),
        { code: 'satisfaction_survey_missing', params: { reason: 'none' } },
        doc('9.2.2'),
        counted('corrective_actions_overdue', 4),
      ],
      [
        { code: 'major_open', clauses: [] },
        { code: 'corrective_actions_overdue', clauses: [] },
        { code: 'clauses_not_met', clauses: ['5.1'] },
        { code: 'documented_information_missing', clauses: ['4.3', '9.2.2'], count: 2 },
        { code: 'satisfaction_survey_missing', clauses: [] },
        { code: 'clauses_not_assessed', clauses: ['4.1', '4.2'] },
      ],
    ],
    [
      'a record check lists the leaves it names',
      [
        {
          code: 'management_review_missing',
          params: { clause: '9.3', reason: 'not_met', clauses: ['9.3.1'] },
        },
        {
          code: 'internal_audit_missing',
          params: { clause: '9.2', reason: 'no_evidence', clauses: [] },
        },
      ],
      [
        { code: 'internal_audit_missing', clauses: [] },
        { code: 'management_review_missing', clauses: ['9.3.1'] },
      ],
    ],
  ])('%s', (_what, blockers, expected) => {
    const groups = groupBlockers(blockers);
    expect(groups.map((g) => ({ code: g.code, clauses: g.clauses }))).toEqual(
      expected.map(({ code, clauses }) => ({ code, clauses })),
    );
    for (const [i, e] of expected.entries())
      if (e.count !== undefined)
        expect(groups[i].params).toEqual({ count: e.count, clauses: e.clauses });
  });

  it('ranks every kind differently, so the order never depends on the input', () => {
    const ranks = Object.values(BLOCKER_KINDS).map((k) => k.rank);
    expect(new Set(ranks).size).toBe(ranks.length);
  });
});

describe('blockerLines', () => {
  const many = Array.from({ length: 23 }, (_, i) => doc(`7.${i + 1}`));

  it.each([
    [
      'id',
      '23 klausul wajib informasi terdokumentasi belum punya bukti yang diterima dan masih berlaku',
    ],
    ['en', '23 clauses requiring documented information have no accepted, unexpired evidence'],
  ] as const)('says 23 missing documents once (%s)', (lang, text) => {
    expect(blockerLines(many, lang)).toEqual([
      { code: 'documented_information_missing', text, clauses: many.map((b) => b.params.clause) },
    ]);
  });

  it('says one missing document in the singular (en)', () => {
    expect(blockerLines([doc('4.3')], 'en')[0].text).toBe(
      '1 clause requiring documented information has no accepted, unexpired evidence',
    );
  });

  it("keeps the texts of the other kinds, numbers in the reader's format", () => {
    expect(blockerLines([counted('corrective_actions_overdue', 1234)], 'id')[0].text).toBe(
      '1.234 tindakan korektif melewati batas waktu',
    );
    expect(blockerLines([counted('corrective_actions_overdue', 1)], 'en')[0].text).toBe(
      '1 corrective action overdue',
    );
  });
});

describe('blockerCodesOf', () => {
  it.each<[string, Blocker[], BlockerCode[]]>([
    ['nothing', [], []],
    [
      'per-clause blockers of one kind are one code',
      [doc('4.3'), doc('7.2')],
      ['documented_information_missing'],
    ],
    [
      'each kind once, most serious first',
      [
        counted('clauses_not_assessed', 2, ['4.1', '4.2']),
        doc('4.3'),
        counted('major_open', 1),
        doc('9.2.2'),
        { code: 'satisfaction_survey_missing', params: { reason: 'none' } },
      ],
      [
        'major_open',
        'documented_information_missing',
        'satisfaction_survey_missing',
        'clauses_not_assessed',
      ],
    ],
  ])('%s', (_name, blockers, codes) => {
    expect(blockerCodesOf(blockers)).toEqual(codes);
  });
});
