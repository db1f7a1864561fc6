import type { Principal } from './principal.js';
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
  'risks.manage',
  'objectives.manage',
  'notifications.read',
  'documents.write',
  'documents.approve',
  'documents.judge',
  'diagnostics.read',
  'diagnostics.manage',
  'diagnostics.rate',
  'audit_programme.manage',
  'management_review.manage',
  'complaints.import',
  'complaints.configure',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = [
  'standards.read',
  'organisations.read',
  'units.read',
  'reports.read',
  'notifications.read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    ...READ,
    'units.manage',
    'users.manage',
    'audit.read',
    'assessments.manage',
    'satisfaction.import',
    'risks.manage',
    'objectives.manage',
    'diagnostics.read',
    'diagnostics.manage',
    'diagnostics.rate',
    'audit_programme.manage',
    'management_review.manage',
    'complaints.import',
    'complaints.configure',
  ],
  quality_officer: [
    ...READ,
    'evidence.submit',
    'findings.respond',
    'audit.read',
    'satisfaction.import',
    'risks.manage',
    'objectives.manage',
    'documents.write',
    'management_review.manage',
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
    'documents.judge',
  ],
  /** Kepala Dinas / Direktur / Kepala Badan: approves the unit's documents (docs/DOCUMENT-CONTROL.md). */
  unit_head: [...READ, 'audit.read', 'documents.write', 'documents.approve'],
  management: [...READ, 'audit.read', 'diagnostics.read'],
  // The organisation's ISO 18091 diagnostics only: no unit, standard, report or audit trail.
  diagnostic_assessor: ['diagnostics.read', 'diagnostics.rate'],
};

/**
 * Whether the caller (or a role) holds a permission: the one question pages and services ask
 * instead of comparing role names, so what a page offers cannot drift from what the guard allows.
 */
export function can(who: Pick<Principal, 'role'> | Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[typeof who === 'string' ? who : who.role].includes(permission);
}
