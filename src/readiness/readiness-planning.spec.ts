import { blockerText } from './blocker-texts.js';
import { nextSelfChangeDay, unitReadiness, type UnitReadinessInput } from './readiness.js';

/** Risks and opportunities (6.1) and quality objectives (6.2) in readiness, on 2 December 2026. */
const TODAY = '2026-12-02';
const CLAUSES = ['6', '6.1', '6.2'].map((number) => ({
  number,
  parentNumber: number === '6' ? null : '6',
  isLeaf: number !== '6',
  maintainsDocuments: false,
  retainsRecords: false,
}));
const BASE: UnitReadinessInput = {
  clauses: CLAUSES,
  ratings: ['6.1', '6.2'].map((clauseNumber) => ({
    clauseNumber,
    applicable: true,
    rating: 'met',
  })),
  evidence: [],
  findings: [],
  today: TODAY,
};
const risk = (
  code: string,
  level: 'low' | 'high' | 'extreme',
  treatment: string | null,
  reviewedOn = '2026-06-01',
) => ({
  code,
  kind: 'risk' as const,
  level,
  treatment,
  reviewedOn,
});
const objective = (code: string, measured: string[]) => ({
  code,
  frequency: 'monthly' as const,
  firstPeriod: '2026-01',
  measured,
});
const MEASURED = [objective('SM-01', ['2026-10'])];
const TREATED = [risk('R-001', 'high', 'reduce')];

const blockers = (change: Partial<UnitReadinessInput>) =>
  unitReadiness({ ...BASE, riskRegister: TREATED, objectives: MEASURED, ...change }).blockers;

describe('readiness of 6.1 and 6.2', () => {
  it.each<[string, Partial<UnitReadinessInput>, object[]]>([
    ['a treated register and measured objectives', {}, []],
    ['checks skipped when not loaded', { riskRegister: undefined, objectives: undefined }, []],
    [
      'no register',
      { riskRegister: [] },
      [{ code: 'risk_register_incomplete', params: { reason: 'none' } }],
    ],
    [
      'untreated high and extreme risks, a low one untreated is fine',
      {
        riskRegister: [
          risk('R-001', 'high', null),
          risk('R-002', 'extreme', null),
          risk('R-003', 'low', null),
        ],
      },
      [
        {
          code: 'risk_register_incomplete',
          params: { reason: 'untreated', count: 2, risks: ['R-001', 'R-002'] },
        },
      ],
    ],
    [
      'an entry not reviewed within 12 months',
      {
        riskRegister: [
          risk('R-001', 'low', null, '2025-12-01'),
          risk('R-002', 'low', null, '2025-12-02'),
        ],
      },
      [
        {
          code: 'risk_register_incomplete',
          params: { reason: 'not_reviewed', count: 1, risks: ['R-001'] },
        },
      ],
    ],
    [
      'no objectives',
      { objectives: [] },
      [{ code: 'objectives_unmeasured', params: { reason: 'none' } }],
    ],
    [
      'an objective without its last due period (October on 2 December)',
      { objectives: [objective('SM-01', ['2026-09', '2026-11']), objective('SM-02', ['2026-10'])] },
      [
        {
          code: 'objectives_unmeasured',
          params: { reason: 'unmeasured', count: 1, objectives: ['SM-01'] },
        },
      ],
    ],
    [
      'a catalogue without 6.1 and 6.2 skips both',
      { clauses: [], ratings: [], riskRegister: [], objectives: [] },
      [],
    ],
  ])('%s', (_what, change, expected) => {
    expect(blockers(change)).toEqual(expected);
  });

  it('says what is missing in both languages', () => {
    const [untreated] = blockers({ riskRegister: [risk('R-004', 'high', null)] });
    expect(blockerText(untreated, 'id')).toBe(
      'Klausul 6.1: 1 risiko tinggi belum punya perlakuan: R-004',
    );
    expect(blockerText(untreated, 'en')).toBe('Clause 6.1: 1 high risk has no treatment: R-004');
    const [missing] = blockers({ objectives: [objective('SM-01', []), objective('SM-02', [])] });
    expect(blockerText(missing, 'en')).toBe(
      'Clause 6.2: 2 quality objectives not measured for their last due period: SM-01, SM-02',
    );
    expect(blockerText(missing, 'id')).toBe(
      'Klausul 6.2: 2 sasaran mutu belum diukur untuk periode terakhir yang jatuh tempo: SM-01, SM-02',
    );
  });
});

describe('nextSelfChangeDay with risks and objectives', () => {
  it.each<[string, Partial<UnitReadinessInput>, string | null]>([
    ['nothing ahead', { riskRegister: [], objectives: [] }, null],
    // November falls due on 30 December (30 days after its end).
    ['the next period falls due', { riskRegister: [], objectives: MEASURED }, '2026-12-30'],
    // Reviewed 15 December 2025: counts through 15 December 2026, stale from the 16th.
    [
      'a review runs out',
      { riskRegister: [risk('R-001', 'low', null, '2025-12-15')], objectives: [] },
      '2026-12-16',
    ],
    [
      'the earlier of both',
      { riskRegister: [risk('R-001', 'low', null, '2026-01-10')], objectives: MEASURED },
      '2026-12-30',
    ],
  ])('%s', (_what, change, expected) => {
    expect(nextSelfChangeDay({ ...BASE, ...change })).toBe(expected);
  });
});
