import { can } from './permissions.js';
import {
  administers,
  administersAll,
  administersOrganisation,
  defaultCycleTeam,
  isAssignedAssessor,
  listsOnlyAssignedCycles,
  needsUnits,
  overseesOrganisation,
  seesWholeOrganisation,
} from './principal-rules.js';
import type { Role } from './role.js';

const who = (role: Role, organisationId: string | null = 'kupang') => ({
  id: 'me',
  role,
  organisationId,
});

describe('principal rules', () => {
  it.each<[Role, boolean, boolean, boolean, boolean]>([
    // role, oversees, administers, lists only assigned cycles, needs units
    ['admin', true, true, false, false],
    ['management', true, false, false, false],
    ['assessor', false, false, true, false],
    ['quality_officer', false, false, false, true],
  ])('%s', (role, oversees, admin, onlyAssigned, units) => {
    expect(overseesOrganisation(who(role))).toBe(oversees);
    expect(administers(who(role))).toBe(admin);
    expect(listsOnlyAssignedCycles(who(role))).toBe(onlyAssigned);
    expect(needsUnits(role)).toBe(units);
  });

  it.each<[Role, string[], boolean]>([
    ['assessor', ['me', 'other'], true],
    ['assessor', ['other'], false],
    // Only an assessor rates: an administrator on the team list is not one.
    ['admin', ['me'], false],
  ])('%s assigned among %j: %s', (role, team, expected) => {
    expect(
      isAssignedAssessor(
        who(role),
        team.map((id) => ({ id })),
      ),
    ).toBe(expected);
  });

  it('an assessor starting a cycle is on its team; an administrator is not', () => {
    expect(defaultCycleTeam(who('assessor'))).toEqual(['me']);
    expect(defaultCycleTeam(who('admin'))).toEqual([]);
  });

  it.each<[Role, string | null, string, boolean, boolean]>([
    ['admin', 'kupang', 'kupang', true, false],
    ['admin', 'kupang', 'ende', false, false],
    ['admin', null, 'ende', true, true],
    ['management', 'kupang', 'kupang', false, false],
  ])('%s of %s administers %s: %s (all: %s)', (role, org, asked, expected, all) => {
    expect(administersOrganisation(who(role, org), asked)).toBe(expected);
    expect(administersAll(who(role, org))).toBe(all);
  });

  it('can() takes the caller or a role alike', () => {
    expect(can(who('assessor'), 'evidence.review')).toBe(true);
    expect(can('assessor', 'evidence.review')).toBe(true);
    expect(can(who('quality_officer'), 'evidence.review')).toBe(false);
  });
});

describe('seesWholeOrganisation', () => {
  it.each<[string, Role, string | null, string[], boolean]>([
    ['its administrator', 'admin', 'kupang', [], true],
    ['a national administrator', 'admin', null, [], true],
    ['another organisation’s administrator', 'admin', 'alor', [], false],
    ['management of no unit in particular', 'management', 'kupang', [], true],
    ['management assigned to units', 'management', 'kupang', ['u1'], false],
    ['management of another organisation', 'management', 'alor', [], false],
    ['a quality officer', 'quality_officer', 'kupang', ['u1'], false],
    ['an assessor', 'assessor', 'kupang', [], false],
  ])('%s', (_name, role, organisationId, unitIds, whole) => {
    expect(seesWholeOrganisation({ ...who(role, organisationId), unitIds }, 'kupang')).toBe(whole);
  });
});
