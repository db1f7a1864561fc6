import { yearAfter } from '../common/dates.js';
import {
  bandMatrix,
  DEFAULT_MATRIX,
  heatMap,
  matrixProblems,
  ratingProblems,
  registerGaps,
  riskLevel,
  type RiskRating,
} from './risk-rules.js';

describe('risk level from likelihood × impact on the default 5 × 5 matrix', () => {
  it.each([
    [1, 1, 'low'],
    [2, 2, 'low'],
    [1, 5, 'medium'],
    [3, 3, 'medium'],
    [2, 5, 'high'],
    [4, 4, 'high'],
    [4, 5, 'extreme'],
    [5, 5, 'extreme'],
  ] as const)('%i × %i is %s', (likelihood, impact, level) => {
    expect(riskLevel(DEFAULT_MATRIX, likelihood, impact)).toBe(level);
  });

  it.each([
    [0, 3],
    [6, 1],
    [2.5, 2],
  ])('refuses %p × %p outside the scale', (l, i) => {
    expect(() => riskLevel(DEFAULT_MATRIX, l, i)).toThrow(RangeError);
  });

  it('reads an organisation’s own matrix', () => {
    const own = bandMatrix(3);
    own.cells[0][0] = 'medium';
    expect(riskLevel(own, 1, 1)).toBe('medium');
    expect(riskLevel(own, 3, 3)).toBe('extreme');
  });
});

describe('a proposed matrix', () => {
  const shifted = bandMatrix(5);
  shifted.cells[4][4] = 'low';
  it.each([
    ['the default', DEFAULT_MATRIX, []],
    ['a 3 × 3', bandMatrix(3), []],
    ['scale 2', { scale: 2, cells: [] }, ['scale:scaleRange']],
    ['scale 11', { scale: 11, cells: [] }, ['scale:scaleRange']],
    ['a wrong shape', { scale: 3, cells: [['low']] }, ['cells:matrixShape']],
    [
      'an unknown level',
      { scale: 3, cells: bandMatrix(3).cells.map((r) => r.map(() => 'huge')) },
      ['cells.0.0:isIn'],
    ],
    ['a cell lower than its neighbours', shifted, ['cells.4.4:matrixMonotone']],
  ])('%s', (_what, matrix, expected) => {
    expect(matrixProblems(matrix).map((p) => `${p.field}:${p.rule}`)).toEqual(expected);
  });
});

describe('rating problems, each naming its field', () => {
  const base: RiskRating = {
    kind: 'risk',
    likelihood: 3,
    impact: 4,
    treatment: null,
    residualLikelihood: null,
    residualImpact: null,
    reviewedOn: '2026-11-01',
  };
  it.each<[string, Partial<RiskRating>, string[]]>([
    ['a plain risk', {}, []],
    ['likelihood 6', { likelihood: 6 }, ['likelihood:outsideScale']],
    ['impact 0', { impact: 0 }, ['impact:outsideScale']],
    ['an opportunity treatment on a risk', { treatment: 'exploit' }, ['treatment:isIn']],
    ['exploit on an opportunity', { kind: 'opportunity', treatment: 'exploit' }, []],
    ['avoid on an opportunity', { kind: 'opportunity', treatment: 'avoid' }, ['treatment:isIn']],
    [
      'a residual without a treatment',
      { residualLikelihood: 1, residualImpact: 1 },
      ['treatment:residualNeedsTreatment'],
    ],
    [
      'half a residual',
      { treatment: 'reduce', residualLikelihood: 1 },
      ['residualImpact:residualIncomplete'],
    ],
    [
      'a residual above the inherent',
      { treatment: 'reduce', residualLikelihood: 5, residualImpact: 5 },
      ['residualLikelihood:residualAboveInherent'],
    ],
    ['a residual below', { treatment: 'reduce', residualLikelihood: 1, residualImpact: 2 }, []],
    [
      'a residual outside the scale',
      { treatment: 'reduce', residualLikelihood: 9, residualImpact: 1 },
      ['residualLikelihood:outsideScale'],
    ],
    ['a review tomorrow', { reviewedOn: '2026-12-03' }, ['reviewedOn:notInFuture']],
  ])('%s', (_what, change, expected) => {
    expect(
      ratingProblems({ ...base, ...change }, DEFAULT_MATRIX, '2026-12-02').map(
        (p) => `${p.field}:${p.rule}`,
      ),
    ).toEqual(expected);
  });
});

describe('the register for readiness (6.1)', () => {
  const entry = (
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
  it.each([
    ['no register', [], { empty: true, untreated: [], stale: [] }],
    [
      'treated highs',
      [entry('R-001', 'high', 'reduce'), entry('R-002', 'low', null)],
      { empty: false, untreated: [], stale: [] },
    ],
    [
      'an untreated extreme',
      [entry('R-001', 'extreme', null)],
      { empty: false, untreated: ['R-001'], stale: [] },
    ],
    [
      'a review of 2 December 2025 is still within 12 months',
      [entry('R-001', 'low', null, '2025-12-02')],
      { empty: false, untreated: [], stale: [] },
    ],
    [
      'one of 1 December 2025 is not',
      [entry('R-001', 'low', null, '2025-12-01')],
      { empty: false, untreated: [], stale: ['R-001'] },
    ],
  ])('%s', (_what, entries, expected) => {
    expect(registerGaps(entries, '2026-12-02')).toEqual(expected);
  });

  it('an untreated high opportunity does not block', () => {
    expect(
      registerGaps([{ ...entry('P-001', 'high', null), kind: 'opportunity' }], '2026-12-02')
        .untreated,
    ).toEqual([]);
  });

  it.each([
    ['2025-03-01', '2026-03-01'],
    ['2024-02-29', '2025-02-28'],
  ])('a year after %s is %s', (day, expected) => expect(yearAfter(day)).toBe(expected));
});

it('counts risks per cell of the heat map', () => {
  const counts = heatMap(DEFAULT_MATRIX, [
    { likelihood: 1, impact: 1 },
    { likelihood: 5, impact: 4 },
    { likelihood: 5, impact: 4 },
  ]);
  expect(counts[0][0]).toBe(1);
  expect(counts[4][3]).toBe(2);
  expect(counts.flat().reduce((a, b) => a + b)).toBe(3);
});
