import { ROLES, type Role } from '../auth/role.js';
import {
  allowedTransitions,
  checkTransition,
  defaultDueOn,
  missingPlanFields,
  nextStates,
  type CorrectiveActionDraft,
} from './finding-lifecycle.js';
import { isOverdue } from './finding-rules.js';
import {
  FINDING_GRADES,
  FINDING_STATES,
  type FindingGrade,
  type FindingState,
} from './finding-types.js';

const PLAN: CorrectiveActionDraft = {
  correction: 'Daftar hadir rapat ditandatangani ulang',
  rootCause: 'Tidak ada format baku daftar hadir',
  action: 'Menetapkan format baku dan melatih staf',
  owner: 'Kepala Subbagian Umum',
  dueOn: '2027-02-21',
};
const NOTE = 'Ditutup: tidak memerlukan tindakan korektif';

type Row = [from: FindingState, to: FindingState, role: Role, grade: FindingGrade];

// The life cycle as the design states it, written out by hand: every step we claim is allowed.
const ALLOWED: Row[] = (['major', 'minor'] as const).flatMap((grade): Row[] => [
  ['open', 'planned', 'quality_officer', grade],
  ['reopened', 'planned', 'quality_officer', grade],
  ['planned', 'implemented', 'quality_officer', grade],
  ['reopened', 'implemented', 'quality_officer', grade],
  ['implemented', 'verified', 'assessor', grade],
  ['implemented', 'reopened', 'assessor', grade],
  ['verified', 'closed', 'assessor', grade],
]);
ALLOWED.push(
  ['open', 'closed', 'assessor', 'observation'],
  ['open', 'closed', 'assessor', 'improvement'],
);

const isClaimed = ([from, to, role, grade]: Row): boolean =>
  ALLOWED.some((r) => r[0] === from && r[1] === to && r[2] === role && r[3] === grade);
const stepExists = ([from, to, , grade]: Row): boolean =>
  ALLOWED.some((r) => r[0] === from && r[1] === to && r[3] === grade);

describe('checkTransition: allowed steps', () => {
  it.each(ALLOWED)('%s → %s by %s (%s)', (from, to, role, grade) => {
    expect(checkTransition({ from, to, grade, role, correctiveAction: PLAN, note: NOTE })).toEqual({
      ok: true,
    });
  });
});

describe('checkTransition: every other combination is refused', () => {
  const all: Row[] = FINDING_STATES.flatMap((from) =>
    FINDING_STATES.flatMap((to) =>
      ROLES.flatMap((role) => FINDING_GRADES.map((grade): Row => [from, to, role, grade])),
    ),
  );
  const refused = all.filter((row) => !isClaimed(row));

  it('covers the whole grid', () => {
    expect(all).toHaveLength(6 * 6 * ROLES.length * 4);
    expect(refused).toHaveLength(all.length - ALLOWED.length);
  });

  it('answers 409 for a step that does not exist and 403 for a step of another role', () => {
    const wrong = refused.flatMap((row) => {
      const [from, to, role, grade] = row;
      const result = checkTransition({ from, to, grade, role, correctiveAction: PLAN, note: NOTE });
      const expected = stepExists(row) ? 'role_not_allowed' : 'not_allowed_now';
      return result.ok || result.reason !== expected ? [{ row, result }] : [];
    });
    expect(wrong).toEqual([]);
  });
});

describe('checkTransition: refusals explain themselves', () => {
  it.each([
    // [from, to, role, grade, reason, allowed]
    ['open', 'closed', 'assessor', 'major', 'not_allowed_now', []],
    ['open', 'verified', 'quality_officer', 'minor', 'not_allowed_now', ['planned']],
    ['planned', 'closed', 'assessor', 'major', 'not_allowed_now', []],
    ['implemented', 'closed', 'assessor', 'major', 'not_allowed_now', ['verified', 'reopened']],
    ['verified', 'reopened', 'assessor', 'major', 'not_allowed_now', ['closed']],
    ['closed', 'open', 'assessor', 'major', 'not_allowed_now', []],
    ['closed', 'reopened', 'assessor', 'minor', 'not_allowed_now', []],
    ['open', 'planned', 'quality_officer', 'observation', 'not_allowed_now', []],
    ['open', 'open', 'quality_officer', 'major', 'not_allowed_now', ['planned']],
    ['open', 'planned', 'assessor', 'major', 'role_not_allowed', []],
    ['open', 'planned', 'admin', 'major', 'role_not_allowed', []],
    ['open', 'planned', 'management', 'major', 'role_not_allowed', []],
    ['implemented', 'verified', 'quality_officer', 'major', 'role_not_allowed', []],
    ['implemented', 'reopened', 'quality_officer', 'minor', 'role_not_allowed', []],
    ['verified', 'closed', 'admin', 'major', 'role_not_allowed', []],
    ['open', 'closed', 'quality_officer', 'improvement', 'role_not_allowed', []],
    ['open', 'closed', 'admin', 'observation', 'role_not_allowed', []],
  ] as const)('%s → %s by %s (%s): %s, allowed %j', (from, to, role, grade, reason, allowed) => {
    expect(checkTransition({ from, to, grade, role, correctiveAction: PLAN, note: NOTE })).toEqual({
      ok: false,
      reason,
      allowed,
    });
  });

  it.each([
    ['open', 'planned'],
    ['reopened', 'planned'],
    ['planned', 'implemented'],
    ['reopened', 'implemented'],
  ] as const)('%s → %s needs the complete corrective action', (from, to) => {
    const result = checkTransition({
      from,
      to,
      grade: 'major',
      role: 'quality_officer',
      correctiveAction: { ...PLAN, rootCause: '  ', owner: null },
    });
    expect(result).toMatchObject({
      ok: false,
      reason: 'corrective_action_incomplete',
      missing: ['rootCause', 'owner'],
    });
  });

  it('lists every field when there is no corrective action at all', () => {
    expect(
      checkTransition({ from: 'open', to: 'planned', grade: 'minor', role: 'quality_officer' }),
    ).toEqual({
      ok: false,
      reason: 'corrective_action_incomplete',
      allowed: ['planned'],
      missing: ['correction', 'rootCause', 'action', 'owner', 'dueOn'],
    });
  });

  it.each([
    ['implemented', 'reopened', 'major'],
    ['open', 'closed', 'observation'],
    ['open', 'closed', 'improvement'],
  ] as const)('%s → %s (%s) needs a note', (from, to, grade) => {
    for (const note of [undefined, null, '', '   ']) {
      expect(checkTransition({ from, to, grade, role: 'assessor', note })).toMatchObject({
        ok: false,
        reason: 'note_required',
      });
    }
    expect(checkTransition({ from, to, grade, role: 'assessor', note: NOTE })).toEqual({
      ok: true,
    });
  });

  it.each([
    ['implemented', 'verified'],
    ['verified', 'closed'],
  ] as const)('%s → %s needs neither a plan nor a note', (from, to) => {
    expect(checkTransition({ from, to, grade: 'major', role: 'assessor' })).toEqual({ ok: true });
  });
});

describe('allowedTransitions and nextStates', () => {
  it.each([
    ['open', 'major', 'quality_officer', ['planned']],
    ['open', 'major', 'assessor', []],
    ['reopened', 'minor', 'quality_officer', ['planned', 'implemented']],
    ['implemented', 'major', 'assessor', ['verified', 'reopened']],
    ['implemented', 'major', 'quality_officer', []],
    ['verified', 'minor', 'assessor', ['closed']],
    ['closed', 'major', 'assessor', []],
    ['open', 'observation', 'assessor', ['closed']],
    ['open', 'improvement', 'quality_officer', []],
    ['planned', 'observation', 'assessor', []],
  ] as const)('%s (%s) for %s → %j', (state, grade, role, expected) => {
    expect(allowedTransitions(state, grade, role)).toEqual(expected);
  });

  it.each(FINDING_STATES.flatMap((s) => FINDING_GRADES.map((g) => [s, g] as const)))(
    'admin and management may take no step from %s (%s)',
    (state, grade) => {
      expect(allowedTransitions(state, grade, 'admin')).toEqual([]);
      expect(allowedTransitions(state, grade, 'management')).toEqual([]);
    },
  );

  it.each([
    ['open', 'major', ['planned']],
    ['reopened', 'major', ['planned', 'implemented']],
    ['implemented', 'minor', ['verified', 'reopened']],
    ['closed', 'minor', []],
    ['open', 'observation', ['closed']],
  ] as const)('from %s (%s) the next states are %j', (state, grade, expected) => {
    expect(nextStates(state, grade)).toEqual(expected);
  });
});

describe('missingPlanFields', () => {
  it.each([
    [PLAN, []],
    [{ ...PLAN, dueOn: '' }, ['dueOn']],
    [{ correction: 'x' }, ['rootCause', 'action', 'owner', 'dueOn']],
    [null, ['correction', 'rootCause', 'action', 'owner', 'dueOn']],
  ])('%j → %j', (plan, expected) => {
    expect(missingPlanFields(plan)).toEqual(expected);
  });
});

describe('isOverdue', () => {
  const today = '2026-11-23';
  it.each([
    ['major', 'open', '2026-11-22', true],
    ['minor', 'planned', '2026-11-22', true],
    ['major', 'implemented', '2026-01-01', true],
    ['minor', 'reopened', '2026-11-22', true],
    ['major', 'open', '2026-11-23', false], // due today: still time
    ['major', 'open', '2026-11-24', false],
    ['major', 'verified', '2026-11-22', false],
    ['minor', 'closed', '2026-11-22', false],
    ['observation', 'open', '2026-11-22', false],
    ['improvement', 'open', '2026-11-22', false],
    ['major', 'open', null, false],
  ] as const)('%s %s due %s → %s', (grade, state, dueOn, expected) => {
    expect(isOverdue({ grade, state, dueOn }, today)).toBe(expected);
  });

  it('refuses a "today" that is not a calendar day', () => {
    expect(() =>
      isOverdue({ grade: 'major', state: 'open', dueOn: '2026-11-22' }, '2026-11-23T10:00:00Z'),
    ).toThrow(RangeError);
  });
});

describe('defaultDueOn', () => {
  it.each([
    ['major', '2026-11-23', undefined, '2027-02-21'],
    ['minor', '2026-11-23', undefined, '2027-02-21'],
    ['major', '2026-12-31', undefined, '2027-03-31'],
    ['major', '2026-11-23', { major: 30, minor: 60 }, '2026-12-23'],
    ['minor', '2026-11-23', { major: 30, minor: 60 }, '2027-01-22'],
    ['minor', '2027-12-31', { major: 30, minor: 60 }, '2028-02-29'],
    ['major', '2026-11-23', { major: 0, minor: 0 }, '2026-11-23'],
    ['observation', '2026-11-23', undefined, null],
    ['improvement', '2026-11-23', undefined, null],
  ] as const)('%s raised %s with %j → %s', (grade, from, deadlines, expected) => {
    expect(defaultDueOn(grade, from, deadlines)).toBe(expected);
  });

  it.each([[-1], [1.5], [Number.NaN]])('refuses a deadline of %p days', (days) => {
    expect(() => defaultDueOn('major', '2026-11-23', { major: days, minor: 90 })).toThrow(
      RangeError,
    );
  });

  it('refuses a start that is not a calendar day', () => {
    expect(() => defaultDueOn('observation', '2026-02-30')).toThrow(RangeError);
  });
});
