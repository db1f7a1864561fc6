import { can, PERMISSIONS, type Permission } from './permissions.js';
import { ROLES, type Role } from './role.js';

// The policy as the people who use Mutu describe it, written out by hand: who may do what.
const POLICY: Record<Permission, Role[]> = {
  'standards.read': ['admin', 'quality_officer', 'assessor', 'management'],
  'organisations.read': ['admin', 'quality_officer', 'assessor', 'management'],
  'units.read': ['admin', 'quality_officer', 'assessor', 'management'],
  'reports.read': ['admin', 'quality_officer', 'assessor', 'management'],
  'units.manage': ['admin'],
  'users.manage': ['admin'],
  'audit.read': ['admin', 'quality_officer', 'assessor', 'management'],
  'assessments.manage': ['admin', 'assessor'],
  'assessments.rate': ['assessor'],
  'evidence.submit': ['quality_officer'],
  'evidence.review': ['assessor'],
  'findings.record': ['assessor'],
  'findings.respond': ['quality_officer'],
  'reports.issue': ['assessor'],
  'satisfaction.import': ['admin', 'quality_officer'],
  'complaints.import': ['admin', 'quality_officer'],
  'complaints.configure': ['admin'],
};

describe('role permissions', () => {
  it.each(PERMISSIONS.flatMap((p) => ROLES.map((r) => [p, r] as const)))(
    '%s for %s',
    (permission, role) => {
      expect(can(role, permission)).toBe(POLICY[permission].includes(role));
    },
  );

  it('management only reads', () => {
    const writes = PERMISSIONS.filter((p) => !p.endsWith('.read'));
    expect(writes.filter((p) => can('management', p))).toEqual([]);
  });
});
