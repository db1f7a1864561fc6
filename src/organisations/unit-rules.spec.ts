import { organisationOfNewUnit } from './unit-rules.js';

describe('organisationOfNewUnit', () => {
  it.each([
    ['the only organisation, unasked', ['kupang'], undefined, 'kupang'],
    ['the only organisation, whatever was posted', ['kupang'], 'other', 'kupang'],
    ['the chosen one of several', ['kupang', 'ende'], 'ende', 'ende'],
    ['none when several and none chosen', ['kupang', 'ende'], undefined, null],
    ['none when the choice is not among them', ['kupang', 'ende'], 'sikka', null],
    ['none when the caller sees none', [], 'kupang', null],
  ])('%s', (_case, visible, chosen, expected) => {
    expect(organisationOfNewUnit(visible, chosen)).toBe(expected);
  });
});
