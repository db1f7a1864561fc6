import {
  canStep,
  entryStatus,
  independenceConflicts,
  monthsOf,
  plannedDateProblems,
  type EntryStatusInput,
} from './programme-rules.js';

const TODAY = '2026-06-15';

describe('entryStatus: planned / in progress / done / postponed, overdue after the planned end', () => {
  const cases: [string, EntryStatusInput, ReturnType<typeof entryStatus>][] = [
    [
      'planned, end ahead',
      { status: 'planned', assessmentState: null, plannedEndOn: '2026-06-20' },
      { status: 'planned', overdue: false },
    ],
    [
      'planned, ends today',
      { status: 'planned', assessmentState: null, plannedEndOn: TODAY },
      { status: 'planned', overdue: false },
    ],
    [
      'planned, end passed',
      { status: 'planned', assessmentState: null, plannedEndOn: '2026-06-14' },
      { status: 'planned', overdue: true },
    ],
    [
      'started, draft assessment',
      { status: 'in_progress', assessmentState: 'draft', plannedEndOn: '2026-06-20' },
      { status: 'in_progress', overdue: false },
    ],
    [
      'started, end passed',
      { status: 'in_progress', assessmentState: 'in_progress', plannedEndOn: '2026-01-01' },
      { status: 'in_progress', overdue: true },
    ],
    [
      'assessment reported after the end',
      { status: 'in_progress', assessmentState: 'reported', plannedEndOn: '2026-01-01' },
      { status: 'done', overdue: false },
    ],
    [
      'postponed, end passed',
      { status: 'postponed', assessmentState: null, plannedEndOn: '2026-01-01' },
      { status: 'postponed', overdue: false },
    ],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(entryStatus(input, TODAY)).toEqual(expected);
  });
});

describe('manual steps', () => {
  it.each([
    ['planned', 'postponed', true],
    ['postponed', 'planned', true],
    ['planned', 'in_progress', false],
    ['in_progress', 'postponed', false],
    ['in_progress', 'planned', false],
    ['postponed', 'in_progress', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    expect(canStep(from, to)).toBe(allowed);
  });
});

describe('independenceConflicts: nobody audits their own unit or their own work', () => {
  const unit = 'u-rsud';
  const lead = { userId: 'lead', memberOf: [], workedOn: [] };
  const member = { userId: 'member', memberOf: ['u-bkd', unit], workedOn: [] };
  const worker = { userId: 'worker', memberOf: ['u-bkd'], workedOn: [unit] };
  const both = { userId: 'both', memberOf: [unit], workedOn: [unit] };
  it.each([
    ['independent auditor', [lead], [], []],
    ['member of the unit', [lead, member], [], [{ userId: 'member', reason: 'member_of_unit' }]],
    ['did the unit work', [worker], [], [{ userId: 'worker', reason: 'did_unit_work' }]],
    ['membership named first', [both], [], [{ userId: 'both', reason: 'member_of_unit' }]],
    [
      'exception recorded',
      [member, worker],
      [{ userId: 'member' }],
      [{ userId: 'worker', reason: 'did_unit_work' }],
    ],
    [
      'exception for someone else does not help',
      [member],
      [{ userId: 'lead' }],
      [{ userId: 'member', reason: 'member_of_unit' }],
    ],
  ] as const)('%s', (_name, auditors, exceptions, expected) => {
    expect(independenceConflicts(auditors, unit, exceptions)).toEqual(expected);
  });
});

describe('plannedDateProblems', () => {
  it.each([
    ['in order', '2026-03-02', '2026-03-04', []],
    ['one day', '2026-03-02', '2026-03-02', []],
    [
      'end before start',
      '2026-03-04',
      '2026-03-02',
      [{ field: 'plannedEndOn', rule: 'notBeforeStart' }],
    ],
    [
      'start in another year',
      '2027-01-04',
      '2027-01-05',
      [{ field: 'plannedStartOn', rule: 'inProgrammeYear' }],
    ],
    ['ends next year', '2026-12-30', '2027-01-02', []],
  ])('%s', (_name, start, end, expected) => {
    expect(plannedDateProblems(start, end, 2026)).toEqual(expected);
  });
});

describe('monthsOf: the calendar months an entry spans within its year', () => {
  it.each([
    ['2026-03-02', '2026-03-04', [3]],
    ['2026-03-30', '2026-05-02', [3, 4, 5]],
    ['2026-12-30', '2027-01-02', [12]],
  ])('%s – %s', (start, end, expected) => {
    expect(monthsOf(start, end, 2026)).toEqual(expected);
  });
});
