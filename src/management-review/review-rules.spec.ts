import { yearAfter } from '../common/dates.js';
import {
  applyInputs,
  decisionProblems,
  emptyInputs,
  isActionOverdue,
  missingInputs,
  REVIEW_INPUT_CODES,
  REVIEW_INPUTS,
} from './review-rules.js';

describe('the 9.3.2 input list', () => {
  it('has every input of 9.3.2 a–f once, with texts in both languages', () => {
    expect(REVIEW_INPUTS.map((i) => i.clause)).toEqual([
      '9.3.2 a',
      '9.3.2 b',
      '9.3.2 c 1',
      '9.3.2 c 2',
      '9.3.2 c 3',
      '9.3.2 c 4',
      '9.3.2 c 5',
      '9.3.2 c 6',
      '9.3.2 c 7',
      '9.3.2 d',
      '9.3.2 e',
      '9.3.2 f',
    ]);
    expect(new Set(REVIEW_INPUT_CODES).size).toBe(REVIEW_INPUTS.length);
    for (const i of REVIEW_INPUTS) expect(new Set<string>([i.text.id, i.text.en]).size).toBe(2);
  });
});

describe('missingInputs', () => {
  const discussed = (codes: string[]) =>
    emptyInputs().map((i) => ({ ...i, discussed: codes.includes(i.code) }));
  it.each([
    ['nothing discussed', discussed([]), REVIEW_INPUT_CODES],
    ['all discussed', discussed([...REVIEW_INPUT_CODES]), []],
    [
      'all but two',
      discussed(REVIEW_INPUT_CODES.filter((c) => c !== 'resources' && c !== 'improvement')),
      ['resources', 'improvement'],
    ],
    [
      'an input left out of the list counts as missing',
      discussed([...REVIEW_INPUT_CODES]).slice(1),
      ['previous_actions'],
    ],
  ])('%s', (_name, inputs, expected) => {
    expect(missingInputs(inputs)).toEqual(expected);
  });
});

describe('applyInputs keeps every input once, in order', () => {
  it('updates only what is given', () => {
    const once = applyInputs(emptyInputs(), [
      { code: 'audit_results', discussed: true, note: 'Audit Mei' },
    ]);
    const twice = applyInputs(once, [
      { code: 'audit_results', note: null },
      { code: 'resources', discussed: true },
    ]);
    expect(twice.map((i) => i.code)).toEqual(REVIEW_INPUT_CODES);
    expect(twice.find((i) => i.code === 'audit_results')).toEqual({
      code: 'audit_results',
      discussed: true,
      note: null,
      links: [],
    });
    expect(missingInputs(twice)).toHaveLength(REVIEW_INPUT_CODES.length - 2);
  });
});

describe('decisionProblems', () => {
  const HELD = '2026-06-10';
  it.each([
    ['a decision alone', {}, []],
    [
      'an action with owner and due date',
      { action: 'Revisi SOP', owner: 'Kasubbag', dueOn: '2026-07-01' },
      [],
    ],
    [
      'an action without an owner',
      { action: 'Revisi SOP', dueOn: '2026-07-01' },
      [{ field: 'owner', rule: 'requiredWithAction' }],
    ],
    [
      'an action with a blank owner',
      { action: 'Revisi SOP', owner: '  ', dueOn: '2026-07-01' },
      [{ field: 'owner', rule: 'requiredWithAction' }],
    ],
    [
      'an action without a due date',
      { action: 'Revisi SOP', owner: 'Kasubbag' },
      [{ field: 'dueOn', rule: 'requiredWithAction' }],
    ],
    [
      'due before the review',
      { action: 'Revisi SOP', owner: 'Kasubbag', dueOn: '2026-06-09' },
      [{ field: 'dueOn', rule: 'notBeforeReview' }],
    ],
    [
      'an owner without an action',
      { owner: 'Kasubbag' },
      [{ field: 'owner', rule: 'onlyWithAction' }],
    ],
  ])('%s', (_name, draft, expected) => {
    expect(decisionProblems(draft, HELD)).toEqual(expected);
  });
});

describe('isActionOverdue', () => {
  it.each([
    ['open, due yesterday', 'open', '2026-06-14', true],
    ['open, due today', 'open', '2026-06-15', false],
    ['done, due yesterday', 'done', '2026-06-14', false],
    ['no action', null, null, false],
  ] as const)('%s', (_name, actionStatus, dueOn, expected) => {
    expect(isActionOverdue({ actionStatus, dueOn }, '2026-06-15')).toBe(expected);
  });
});

describe('yearAfter', () => {
  it.each([
    ['2025-06-15', '2026-06-15'],
    ['2024-02-29', '2025-02-28'],
  ])('%s → %s', (day, expected) => {
    expect(yearAfter(day)).toBe(expected);
  });
});
