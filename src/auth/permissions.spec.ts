import { can, PERMISSIONS, type Permission } from './permissions.js';
import { ROLES, type Role } from './role.js';

// The policy as the people who use Mutu describe it, written out by hand: who may do what.
const POLICY: Record<Permission, Role[]> = {
  'standards.read': ['admin', 'quality_officer', 'assessor', 'management', 'unit_head'],
  'organisations.read': ['admin', 'quality_officer', 'assessor', 'management', 'unit_head'],
  'units.read': ['admin', 'quality_officer', 'assessor', 'management', 'unit_head'],
  'reports.read': ['admin', 'quality_officer', 'assessor', 'management', 'unit_head'],
  'units.manage': ['admin'],
  'users.manage': ['admin'],
  'audit.read': ['admin', 'quality_officer', 'assessor', 'management', 'unit_head'],
  'assessments.manage': ['admin', 'assessor'],
  'assessments.rate': ['assessor'],
  'evidence.submit': ['quality_officer'],
  'evidence.review': ['assessor'],
  'findings.record': ['assessor'],
  'findings.respond': ['quality_officer'],
  'reports.issue': ['assessor'],
  'satisfaction.import': ['admin', 'quality_officer'],
  'risks.manage': ['admin', 'quality_officer'],
  'objectives.manage': ['admin', 'quality_officer'],
  'notifications.read': ['admin', 'quality_officer', 'assessor', 'management', 'unit_head'],
  'documents.write': ['quality_officer', 'unit_head'],
  'documents.approve': ['unit_head'],
  'documents.judge': ['assessor'],
  'diagnostics.read': ['admin', 'management', 'diagnostic_assessor'],
  'diagnostics.manage': ['admin'],
  'diagnostics.rate': ['admin', 'diagnostic_assessor'],
  'audit_programme.manage': ['admin'],
  'management_review.manage': ['admin', 'quality_officer'],
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

  it('an outside diagnostic assessor reads and rates diagnostics, nothing else', () => {
    expect(PERMISSIONS.filter((p) => can('diagnostic_assessor', p))).toEqual([
      'diagnostics.read',
      'diagnostics.rate',
    ]);
  });

  it('management only reads', () => {
    const writes = PERMISSIONS.filter((p) => !p.endsWith('.read'));
    expect(writes.filter((p) => can('management', p))).toEqual([]);
  });
});
