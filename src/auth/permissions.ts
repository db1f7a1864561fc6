import type { Role } from './role.js';

/**
 * What a route or a service step needs. Roles grant permissions here, in one table; the unit scope
 * (which records) is checked separately, in the services, by auth/scope.ts.
 */
export const PERMISSIONS = [
  'standards.read',
  'organisations.read',
  'units.read',
  'units.manage',
  'users.manage',
  'audit.read',
  'assessments.manage',
  'assessments.rate',
  'evidence.submit',
  'evidence.review',
  'findings.record',
  'findings.respond',
  'reports.read',
  'reports.issue',
  'satisfaction.import',
  'complaints.import',
  'complaints.configure',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ['standards.read', 'organisations.read', 'units.read', 'reports.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    ...READ,
    'units.manage',
    'users.manage',
    'audit.read',
    'assessments.manage',
    'satisfaction.import',
    'complaints.import',
    'complaints.configure',
  ],
  quality_officer: [
    ...READ,
    'evidence.submit',
    'findings.respond',
    'audit.read',
    'satisfaction.import',
    'complaints.import',
  ],
  assessor: [
    ...READ,
    'assessments.manage',
    'assessments.rate',
    'evidence.review',
    'findings.record',
    'reports.issue',
    'audit.read',
  ],
  management: [...READ, 'audit.read'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
