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
  'diagnostics.read',
  'diagnostics.manage',
  'diagnostics.rate',
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
    'diagnostics.read',
    'diagnostics.manage',
    'diagnostics.rate',
  ],
  quality_officer: [
    ...READ,
    'evidence.submit',
    'findings.respond',
    'audit.read',
    'satisfaction.import',
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
  management: [...READ, 'audit.read', 'diagnostics.read'],
  // The organisation's ISO 18091 diagnostics only: no unit, standard, report or audit trail.
  diagnostic_assessor: ['diagnostics.read', 'diagnostics.rate'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
