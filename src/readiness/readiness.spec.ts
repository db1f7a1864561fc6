import type { Rating } from '../assessments/assessment-types.js';
import { isEvidencePresent } from '../evidence/evidence-rules.js';
import type { FindingGrade, FindingState } from '../findings/finding-types.js';
import {
  nextSelfChangeDay,
  organisationReadiness,
  summariseClauses,
  unitReadiness,
  type Blocker,
  type ClauseRatingInput,
  type EvidenceInput,
  type FindingInput,
  type ReadinessClause,
  type UnitReadinessInput,
} from './readiness.js';
import { blockerText } from './blocker-texts.js';

/** A blocker in both languages, as the edges say it (blocker-texts.ts). */
const texts = (b: Blocker) => ({ id: blockerText(b, 'id'), en: blockerText(b, 'en') });

const TODAY = '2026-11-23';
const YESTERDAY = '2026-11-22';
const TOMORROW = '2026-11-24';

/** A clause tree from its numbers: parents and leaves follow from the numbering. */
function catalogue(numbers: string[], documents: string[] = []): ReadinessClause[] {
  const parentOf = (n: string) => (n.includes('.') ? n.slice(0, n.lastIndexOf('.')) : null);
  return numbers.map((number) => ({
    number,
    parentNumber: parentOf(number),
    isLeaf: !numbers.some((other) => parentOf(other) === number),
    maintainsDocuments: documents.includes(number),
    retainsRecords: false,
  }));
}

const CLAUSES = catalogue(
  [
    '4',
    '4.1',
    '4.2',
    '4.3',
    '5',
    '5.1',
    '5.1.1',
    '5.1.2',
    '9',
    '9.2',
    '9.2.1',
    '9.2.2',
    '9.3',
    '9.3.1',
    '9.3.3',
  ],
  ['4.3', '9.2.2', '9.3.3'],
);
const LEAVES = CLAUSES.filter((c) => c.isLeaf).map((c) => c.number);

type Mark = Rating | 'n/a';
const rate = (marks: Record<string, Mark>, base: Mark = 'met'): ClauseRatingInput[] =>
  LEAVES.map((clauseNumber) => {
    const mark = marks[clauseNumber] ?? base;
    return mark === 'n/a'
      ? { clauseNumber, applicable: false, rating: 'not_assessed' }
      : { clauseNumber, applicable: true, rating: mark };
  });

const accepted = (clauseNumbers: string[], more: Partial<EvidenceInput> = {}): EvidenceInput => ({
  clauseNumbers,
  status: 'accepted',
  validUntil: null,
  withdrawn: false,
  ...more,
});

const finding = (
  grade: FindingGrade,
  state: FindingState,
  dueOn: string | null = null,
): FindingInput => ({
  clauseNumber: '4.1',
  grade,
  state,
  dueOn,
});

const READY: UnitReadinessInput = {
  clauses: CLAUSES,
  ratings: rate({}),
  evidence: [accepted(['4.3', '9.2.2', '9.3.3'])],
  findings: [],
  today: TODAY,
};
const unit = (change: Partial<UnitReadinessInput>) => unitReadiness({ ...READY, ...change });
const codes = (change: Partial<UnitReadinessInput>) => unit(change).blockers.map((b) => b.code);

describe('scores', () => {
  it('averages applicable leaves: met, partly met, not met and one not applicable → 0.5', () => {
    const clauses = catalogue(['4', '4.1', '4.2', '4.3', '4.4']);
    const r = unitReadiness({
      ...READY,
      clauses,
      ratings: [
        { clauseNumber: '4.1', applicable: true, rating: 'met' },
        { clauseNumber: '4.2', applicable: true, rating: 'partly_met' },
        { clauseNumber: '4.3', applicable: true, rating: 'not_met' },
        { clauseNumber: '4.4', applicable: false, rating: 'met' },
      ],
    });
    expect(r.score).toBe(0.5);
    expect(r.percent).toBe(50);
    expect(r.groups).toEqual([
      {
        clause: '4',
        score: 0.5,
        percent: 50,
        applicable: 3,
        notApplicable: 1,
        met: 1,
        partlyMet: 1,
        notMet: 1,
        notAssessed: 0,
      },
    ]);
  });

  it('gives a group with only not-applicable leaves no score, and leaves it out of the unit score', () => {
    const r = unit({ ratings: rate({ '5.1.1': 'n/a', '5.1.2': 'n/a', '4.1': 'not_met' }) });
    expect(r.groups.find((g) => g.clause === '5')).toMatchObject({
      score: null,
      percent: null,
      applicable: 0,
      notApplicable: 2,
    });
    // 9 leaves, 2 not applicable: 7 applicable, 6 met.
    expect(r.score).toBe(6 / 7);
  });

  it('counts a leaf without a rating as applicable and not assessed', () => {
    const r = unit({ ratings: rate({}).filter((x) => x.clauseNumber !== '4.2') });
    expect(r.score).toBe(8 / 9);
    expect(r.counts).toMatchObject({ leaves: 9, applicable: 9, notAssessed: 1, met: 8 });
  });

  it('ignores ratings of parent clauses and of clauses outside the catalogue', () => {
    const ratings = [
      ...rate({}),
      { clauseNumber: '4', applicable: true, rating: 'not_met' as const },
      { clauseNumber: '8.3', applicable: true, rating: 'not_met' as const },
    ];
    expect(unit({ ratings }).score).toBe(1);
  });

  it('refuses two ratings for one clause', () => {
    expect(() =>
      unit({ ratings: [...rate({}), { clauseNumber: '4.1', applicable: true, rating: 'met' }] }),
    ).toThrow(/4\.1/);
  });

  it('gives an unrated unit 0, not null', () => {
    expect(unit({ ratings: [] }).score).toBe(0);
  });

  it('rolls leaves up to every ancestor, in natural clause order', () => {
    const clauses = catalogue([
      '10',
      '10.1',
      '7',
      '7.1',
      '7.1.5',
      '7.1.5.1',
      '7.1.5.2',
      '4',
      '4.9',
      '4.10',
    ]);
    const summaries = summariseClauses(clauses, [
      { clauseNumber: '7.1.5.1', applicable: true, rating: 'met' },
      { clauseNumber: '7.1.5.2', applicable: true, rating: 'partly_met' },
      { clauseNumber: '4.10', applicable: true, rating: 'met' },
      { clauseNumber: '4.9', applicable: true, rating: 'not_met' },
      { clauseNumber: '10.1', applicable: false, rating: 'not_assessed' },
    ]);
    expect(summaries.map((s) => [s.clause, s.score])).toEqual([
      ['4', 0.5],
      ['4.9', 0],
      ['4.10', 1],
      ['7', 0.75],
      ['7.1', 0.75],
      ['7.1.5', 0.75],
      ['7.1.5.1', 1],
      ['7.1.5.2', 0.5],
      ['10', null],
      ['10.1', null],
    ]);
  });

  it('lists the top-level groups only, 10 after 9', () => {
    const clauses = catalogue(['10', '10.1', '9', '9.1', '4', '4.1']);
    const r = unitReadiness({ ...READY, clauses, ratings: [] });
    expect(r.groups.map((g) => g.clause)).toEqual(['4', '9', '10']);
  });
});

describe('isEvidencePresent', () => {
  it.each([
    [{}, true],
    [{ validUntil: TODAY }, true], // the validity date is the last valid day
    [{ validUntil: TOMORROW }, true],
    [{ validUntil: YESTERDAY }, false],
    [{ status: 'submitted' }, false],
    [{ status: 'rejected' }, false],
    [{ withdrawn: true }, false],
    [{ withdrawn: true, validUntil: TOMORROW }, false],
  ] as const)('%j → %s', (change, expected) => {
    expect(isEvidencePresent(accepted(['4.3'], change), TODAY)).toBe(expected);
  });
});

describe('documented information', () => {
  const withEvidenceOn43 = (more: Partial<EvidenceInput>) =>
    unit({ evidence: [accepted(['9.2.2', '9.3.3']), accepted(['4.3'], more)] });

  it.each([
    ['valid until today', { validUntil: TODAY }, []],
    ['expired yesterday', { validUntil: YESTERDAY }, ['4.3']],
    ['rejected', { status: 'rejected' as const }, ['4.3']],
    ['only submitted', { status: 'submitted' as const }, ['4.3']],
    ['withdrawn', { withdrawn: true }, ['4.3']],
  ])('evidence on 4.3 %s → missing %j', (_label, more, missing) => {
    const r = withEvidenceOn43(more);
    expect(r.documentedInformation).toEqual({
      required: 3,
      covered: 3 - missing.length,
      coverage: (3 - missing.length) / 3,
      missing,
    });
    expect(
      r.blockers.filter((b) => b.code === 'documented_information_missing').map((b) => b.params),
    ).toEqual(missing.map((clause) => ({ clause })));
  });

  it('counts records as well as documents, and skips leaves that do not apply', () => {
    const clauses = CLAUSES.map((c) => (c.number === '5.1.2' ? { ...c, retainsRecords: true } : c));
    expect(unit({ clauses }).documentedInformation).toMatchObject({
      required: 4,
      missing: ['5.1.2'],
    });
    expect(
      unit({ clauses, ratings: rate({ '5.1.2': 'n/a' }) }).documentedInformation,
    ).toMatchObject({
      required: 3,
      missing: [],
    });
  });

  it('does not let evidence on a parent clause cover a leaf', () => {
    const r = unit({ evidence: [accepted(['4', '9.2.2', '9.3.3'])] });
    expect(r.documentedInformation.missing).toEqual(['4.3']);
  });

  it('reports the missing clauses in natural order', () => {
    const clauses = catalogue(['4', '4.9', '4.10', '4.2'], ['4.10', '4.9', '4.2']);
    const r = unitReadiness({ ...READY, clauses, ratings: [], evidence: [] });
    expect(r.documentedInformation.missing).toEqual(['4.2', '4.9', '4.10']);
    expect(r.documentedInformation.coverage).toBe(0);
  });

  it('has no coverage ratio when nothing is required', () => {
    const r = unitReadiness({ ...READY, clauses: catalogue(['4', '4.1']), ratings: [] });
    expect(r.documentedInformation).toEqual({
      required: 0,
      covered: 0,
      coverage: null,
      missing: [],
    });
  });
});

describe('overdue corrective actions', () => {
  it.each([
    [[finding('minor', 'planned', YESTERDAY)], 1],
    [[finding('minor', 'planned', TODAY)], 0], // due today is not overdue yet
    [[finding('minor', 'open', TOMORROW)], 0],
    [[finding('minor', 'verified', YESTERDAY)], 0],
    [[finding('minor', 'closed', YESTERDAY)], 0],
    [[finding('observation', 'open', YESTERDAY)], 0],
    [
      [
        finding('minor', 'reopened', YESTERDAY),
        finding('minor', 'implemented', '2026-01-01'),
        finding('minor', 'open'),
      ],
      2,
    ],
  ])('%j → %i', (findings, overdue) => {
    const r = unit({ findings });
    expect(r.overdueActions).toBe(overdue);
    expect(r.blockers.some((b) => b.code === 'corrective_actions_overdue')).toBe(overdue > 0);
  });
});

describe('certification readiness', () => {
  it('finds a fully assessed unit with its records ready, with no blockers', () => {
    const r = unitReadiness(READY);
    expect(r).toMatchObject({
      ready: true,
      blockers: [],
      score: 1,
      percent: 100,
      overdueActions: 0,
    });
    expect(r.documentedInformation).toEqual({ required: 3, covered: 3, coverage: 1, missing: [] });
  });

  it('lets partly met leaves lower the score without blocking', () => {
    const r = unit({ ratings: rate({ '4.1': 'partly_met', '5.1.1': 'partly_met' }) });
    expect(r).toMatchObject({ ready: true, blockers: [], score: 8 / 9 });
  });

  it.each([
    ['a leaf not met', { ratings: rate({ '4.1': 'not_met' }) }, ['clauses_not_met']],
    ['a leaf not assessed', { ratings: rate({ '4.2': 'not_assessed' }) }, ['clauses_not_assessed']],
    ['a major still open', { findings: [finding('major', 'open')] }, ['major_open']],
    ['a major reopened', { findings: [finding('major', 'reopened')] }, ['major_open']],
    [
      'a major implemented, not verified',
      { findings: [finding('major', 'implemented')] },
      ['major_open'],
    ],
  ] as const)('is blocked by %s', (_label, change, expected) => {
    expect(codes(change)).toEqual(expected);
  });

  it.each([
    ['a verified major', [finding('major', 'verified')]],
    ['a closed major', [finding('major', 'closed')]],
    ['an open minor within its deadline', [finding('minor', 'open', TOMORROW)]],
    ['an open observation', [finding('observation', 'open')]],
    ['an open opportunity for improvement', [finding('improvement', 'open')]],
  ])('is not blocked by %s', (_label, findings) => {
    expect(unit({ findings }).ready).toBe(true);
  });

  it('counts open findings per grade', () => {
    const findings = [
      finding('major', 'open'),
      finding('major', 'verified'),
      finding('minor', 'planned'),
      finding('improvement', 'open'),
    ];
    expect(unit({ findings }).counts.openFindings).toEqual({
      major: 1,
      minor: 1,
      observation: 0,
      improvement: 1,
    });
  });
});

describe('internal audit (9.2) and management review (9.3) from their records', () => {
  const AUDIT = { completedOn: '2026-07-15', unplannedFindings: 0 };
  const REVIEW = { heldOn: '2026-08-20', closed: true, missingInputs: [] };
  const records = (change: Partial<UnitReadinessInput>) =>
    unit({ lastInternalAudit: AUDIT, lastManagementReview: REVIEW, ...change })
      .blockers.filter(
        (b) => b.code === 'internal_audit_missing' || b.code === 'management_review_missing',
      )
      .map((b) => [b.code, b.params.reason]);

  it.each([
    ['both current and complete', {}, []],
    [
      'an audit completed exactly 12 months ago',
      { lastInternalAudit: { ...AUDIT, completedOn: '2025-11-23' } },
      [],
    ],
    [
      'an audit completed a day more than 12 months ago',
      { lastInternalAudit: { ...AUDIT, completedOn: '2025-11-22' } },
      [['internal_audit_missing', 'expired']],
    ],
    ['no completed audit', { lastInternalAudit: null }, [['internal_audit_missing', 'none']]],
    [
      'an audit whose nonconformities lack plans',
      { lastInternalAudit: { ...AUDIT, unplannedFindings: 2 } },
      [['internal_audit_missing', 'findings_unplanned']],
    ],
    ['no review', { lastManagementReview: null }, [['management_review_missing', 'none']]],
    [
      'a review held a day more than 12 months ago',
      { lastManagementReview: { ...REVIEW, heldOn: '2025-11-22' } },
      [['management_review_missing', 'expired']],
    ],
    [
      'a draft review missing two inputs',
      {
        lastManagementReview: {
          heldOn: '2026-11-01',
          closed: false,
          missingInputs: ['resources', 'improvement'],
        },
      },
      [['management_review_missing', 'inputs_missing']],
    ],
    [
      'a draft review that discussed everything',
      { lastManagementReview: { heldOn: '2026-11-01', closed: false, missingInputs: [] } },
      [['management_review_missing', 'not_closed']],
    ],
  ] as const)('%s', (_label, change, expected) => {
    expect(records(change)).toEqual(expected);
  });

  it('names the missing inputs of 9.3.2 in both languages', () => {
    const [b] = unit({
      lastManagementReview: {
        heldOn: '2026-11-01',
        closed: false,
        missingInputs: ['resources', 'improvement'],
      },
    }).blockers;
    expect(b.params.inputs).toEqual(['resources', 'improvement']);
    expect(blockerText(b, 'id')).toBe(
      'Klausul 9.3: tinjauan manajemen 1 November 2026 belum membahas 2 masukan (9.3.2 d, 9.3.2 f)',
    );
    expect(blockerText(b, 'en')).toBe(
      'Clause 9.3: the management review of 1 November 2026 has not discussed 2 inputs (9.3.2 d, 9.3.2 f)',
    );
  });

  it('no longer counts uploaded files on 9.2 and 9.3 as an audit or a review', () => {
    expect(
      codes({
        evidence: [accepted(['4.3', '9.2', '9.2.2', '9.3', '9.3.3'])],
        lastInternalAudit: null,
        lastManagementReview: null,
      }),
    ).toEqual(['internal_audit_missing', 'management_review_missing']);
  });

  it('skips both checks for a catalogue without 9.2 and 9.3', () => {
    const r = unitReadiness({
      ...READY,
      clauses: catalogue(['4', '4.1']),
      ratings: [],
      evidence: [],
      lastInternalAudit: null,
      lastManagementReview: null,
    });
    expect(r.blockers.map((b) => b.code)).toEqual(['clauses_not_assessed']);
  });

  it('skips both checks when the caller does not say (undefined)', () => {
    expect(codes({ evidence: [accepted(['4.3', '9.2.2', '9.3.3'])] })).toEqual([]);
  });

  it('changes by itself the day after the audit or review stops counting', () => {
    expect(
      nextSelfChangeDay({ ...READY, lastInternalAudit: AUDIT, lastManagementReview: REVIEW }),
    ).toBe('2027-07-16');
    expect(
      nextSelfChangeDay({ ...READY, lastManagementReview: { ...REVIEW, heldOn: '2026-01-10' } }),
    ).toBe('2027-01-11');
  });
});

describe('yearly public satisfaction survey (SKM)', () => {
  it.each([
    ['a survey whose period ended today', '2026-11-23', []],
    ['a survey of the semester that ended 2026-06-30', '2026-06-30', []],
    ['a survey whose period ended exactly 12 months ago', '2025-11-23', []],
    [
      'a survey that ended a day more than 12 months ago',
      '2025-11-22',
      ['satisfaction_survey_missing'],
    ],
    ['no survey at all', null, ['satisfaction_survey_missing']],
  ])('blocks or not: %s', (_what, lastSurveyEndsOn, expected) => {
    expect(codes({ lastSurveyEndsOn })).toEqual(expected);
  });

  it('skips the check when the caller does not say (undefined)', () => {
    expect(codes({ lastSurveyEndsOn: undefined })).toEqual([]);
  });

  it('says when the last survey ended, in both languages', () => {
    const [old] = unit({ lastSurveyEndsOn: '2025-06-30' }).blockers;
    expect(old).toEqual({
      code: 'satisfaction_survey_missing',
      params: { reason: 'too_old', lastPeriodEndsOn: '2025-06-30' },
    });
    expect(texts(old)).toEqual({
      id: 'Survei kepuasan masyarakat terakhir berakhir 30 Juni 2025, lebih dari 12 bulan lalu',
      en: 'The last public satisfaction survey ended 30 June 2025, more than 12 months ago',
    });
    const [none] = unit({ lastSurveyEndsOn: null }).blockers;
    expect(none.params).toEqual({ reason: 'none' });
    expect(texts(none)).toEqual({
      id: 'belum ada survei kepuasan masyarakat dalam 12 bulan terakhir',
      en: 'no public satisfaction survey in the last 12 months',
    });
  });
});

describe('blocker messages', () => {
  const messageOf = (change: Partial<UnitReadinessInput>, code: string) => {
    const blocker = unit(change).blockers.find((b) => b.code === code);
    return blocker && texts(blocker);
  };
  const overdue = (n: number) =>
    Array.from({ length: n }, () => finding('minor', 'open', YESTERDAY));

  it.each([
    [
      { ratings: rate({ '4.1': 'not_assessed' }) },
      'clauses_not_assessed',
      '1 klausul belum dinilai',
      '1 clause not yet assessed',
    ],
    [
      { ratings: rate({ '4.1': 'not_assessed', '4.2': 'not_assessed' }) },
      'clauses_not_assessed',
      '2 klausul belum dinilai',
      '2 clauses not yet assessed',
    ],
    [
      { ratings: rate({ '4.1': 'not_met' }) },
      'clauses_not_met',
      '1 klausul belum terpenuhi',
      '1 clause not met',
    ],
    [
      { ratings: rate({ '4.1': 'not_met', '5.1.1': 'not_met', '5.1.2': 'not_met' }) },
      'clauses_not_met',
      '3 klausul belum terpenuhi',
      '3 clauses not met',
    ],
    [
      { findings: [finding('major', 'open')] },
      'major_open',
      '1 ketidaksesuaian mayor masih terbuka',
      '1 major nonconformity still open',
    ],
    [
      { findings: [finding('major', 'open'), finding('major', 'planned')] },
      'major_open',
      '2 ketidaksesuaian mayor masih terbuka',
      '2 major nonconformities still open',
    ],
    [
      { findings: overdue(1) },
      'corrective_actions_overdue',
      '1 tindakan korektif melewati batas waktu',
      '1 corrective action overdue',
    ],
    [
      { findings: overdue(2) },
      'corrective_actions_overdue',
      '2 tindakan korektif melewati batas waktu',
      '2 corrective actions overdue',
    ],
    [
      { findings: overdue(1234) },
      'corrective_actions_overdue',
      '1.234 tindakan korektif melewati batas waktu',
      '1,234 corrective actions overdue',
    ],
    [
      { evidence: [accepted(['9.2.2', '9.3.3'])] },
      'documented_information_missing',
      'Klausul 4.3: belum ada bukti terdokumentasi yang diterima dan masih berlaku',
      'Clause 4.3: no accepted, unexpired documented information',
    ],
    [
      { lastInternalAudit: null },
      'internal_audit_missing',
      'Klausul 9.2: belum ada audit internal yang selesai (dilaporkan) dalam 12 bulan terakhir',
      'Clause 9.2: no internal audit completed (reported) in the last 12 months',
    ],
    [
      { lastInternalAudit: { completedOn: '2025-03-14', unplannedFindings: 0 } },
      'internal_audit_missing',
      'Klausul 9.2: audit internal terakhir selesai 14 Maret 2025, lebih dari 12 bulan lalu',
      'Clause 9.2: the last internal audit was completed 14 March 2025, more than 12 months ago',
    ],
    [
      { lastInternalAudit: { completedOn: '2026-07-15', unplannedFindings: 1 } },
      'internal_audit_missing',
      'Klausul 9.2: 1 ketidaksesuaian dari audit internal terakhir belum memiliki rencana tindakan korektif',
      'Clause 9.2: 1 nonconformity of the last internal audit has no corrective-action plan',
    ],
    [
      { lastManagementReview: null },
      'management_review_missing',
      'Klausul 9.3: belum ada tinjauan manajemen dalam 12 bulan terakhir',
      'Clause 9.3: no management review in the last 12 months',
    ],
    [
      { lastManagementReview: { heldOn: '2025-08-20', closed: true, missingInputs: [] } },
      'management_review_missing',
      'Klausul 9.3: tinjauan manajemen terakhir diadakan 20 Agustus 2025, lebih dari 12 bulan lalu',
      'Clause 9.3: the last management review was held 20 August 2025, more than 12 months ago',
    ],
  ] as const)('%j → %s', (change, code, id, en) => {
    expect(messageOf(change, code)).toEqual({ id, en });
  });

  it('lists every blocker of a unit far from ready, in a fixed order with its parameters', () => {
    const r = unit({
      ratings: rate({ '4.1': 'not_assessed', '4.2': 'not_met', '9.2.1': 'not_met' }),
      evidence: [accepted(['4.3'], { validUntil: YESTERDAY })],
      findings: [finding('major', 'planned', YESTERDAY), finding('minor', 'open', TODAY)],
      lastInternalAudit: null,
      lastManagementReview: { heldOn: '2026-11-01', closed: false, missingInputs: ['resources'] },
    });
    expect(r.ready).toBe(false);
    expect(r.blockers.map(({ code, params }) => ({ code, params }))).toEqual([
      { code: 'clauses_not_assessed', params: { count: 1, clauses: ['4.1'] } },
      { code: 'clauses_not_met', params: { count: 2, clauses: ['4.2', '9.2.1'] } },
      { code: 'major_open', params: { count: 1 } },
      { code: 'documented_information_missing', params: { clause: '4.3' } },
      { code: 'documented_information_missing', params: { clause: '9.2.2' } },
      { code: 'documented_information_missing', params: { clause: '9.3.3' } },
      { code: 'internal_audit_missing', params: { reason: 'none' } },
      {
        code: 'management_review_missing',
        params: {
          reason: 'inputs_missing',
          heldOn: '2026-11-01',
          count: 1,
          inputs: ['resources'],
          inputClauses: ['9.3.2 d'],
        },
      },
      { code: 'corrective_actions_overdue', params: { count: 1 } },
    ]);
  });
});

describe('input checks', () => {
  it.each([['2026-11-23T00:00:00Z'], ['23/11/2026'], ['']])('refuses today = %j', (today) => {
    expect(() => unit({ today })).toThrow(RangeError);
  });
});

describe('organisationReadiness', () => {
  const small = catalogue(['4', '4.1', '4.2', '4.3', '4.4']);
  const ratings = (...marks: Mark[]): ClauseRatingInput[] =>
    marks.map((mark, i) => {
      const clauseNumber = `4.${i + 1}`;
      return mark === 'n/a'
        ? { clauseNumber, applicable: false, rating: 'not_assessed' }
        : { clauseNumber, applicable: true, rating: mark };
    });
  const request = (unitId: string, ...marks: Mark[]) => ({
    ...READY,
    unitId,
    clauses: small,
    ratings: ratings(...marks),
  });

  it('weights units by their applicable leaves, and also gives the plain mean of units', () => {
    const org = organisationReadiness([
      request('dukcapil', 'met', 'n/a', 'n/a', 'n/a'), // 1 applicable leaf, score 1
      request('setda', 'not_met', 'not_met', 'partly_met', 'n/a'), // 3 applicable leaves, score 1/6
    ]);
    expect(org.score).toBe(1.5 / 4);
    expect(org.percent).toBe(37.5);
    expect(org.meanOfUnits).toBe((1 + 1 / 6) / 2);
    expect(org.units.map((u) => [u.unitId, u.score])).toEqual([
      ['dukcapil', 1],
      ['setda', 1 / 6],
    ]);
  });

  it('leaves a unit with nothing applicable out of the mean of units', () => {
    const org = organisationReadiness([
      request('a', 'partly_met', 'n/a', 'n/a', 'n/a'),
      request('b', 'n/a', 'n/a', 'n/a', 'n/a'),
    ]);
    expect(org.score).toBe(0.5);
    expect(org.meanOfUnits).toBe(0.5);
  });

  it('counts ready units', () => {
    const org = organisationReadiness([
      { ...READY, unitId: 'ready' },
      { ...READY, unitId: 'blocked', findings: [finding('major', 'open')] },
      { ...READY, unitId: 'also-ready', ratings: rate({ '4.1': 'partly_met' }) },
    ]);
    expect(org.readyUnits).toBe(2);
    expect(org.units.map((u) => [u.unitId, u.ready])).toEqual([
      ['ready', true],
      ['blocked', false],
      ['also-ready', true],
    ]);
  });

  it('has no score for no units', () => {
    expect(organisationReadiness([])).toEqual({
      score: null,
      percent: null,
      meanOfUnits: null,
      readyUnits: 0,
      units: [],
    });
  });
});
