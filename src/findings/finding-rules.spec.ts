import { acceptsPlan, isNonconformity, isPlanEditable, isResolved } from './finding-rules.js';
import { FINDING_GRADES, FINDING_STATES } from './finding-types.js';

describe('finding rules', () => {
  it('major and minor findings are the nonconformities', () => {
    expect(FINDING_GRADES.filter(isNonconformity)).toEqual(['major', 'minor']);
  });

  it('verified and closed findings are resolved', () => {
    expect(FINDING_STATES.filter(isResolved).sort()).toEqual(['closed', 'verified']);
  });

  it('the plan stays editable until the action is implemented', () => {
    expect(FINDING_STATES.filter(isPlanEditable).sort()).toEqual(['open', 'planned', 'reopened']);
  });

  it.each(
    FINDING_GRADES.flatMap((grade) => FINDING_STATES.map((state) => [grade, state] as const)),
  )('a %s finding in state %s takes a plan only as an editable nonconformity', (grade, state) => {
    const expected =
      (grade === 'major' || grade === 'minor') && ['open', 'planned', 'reopened'].includes(state);
    expect(acceptsPlan({ grade, state })).toBe(expected);
  });
});
