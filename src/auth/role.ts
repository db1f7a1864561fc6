/**
 * diagnostic_assessor: an outside verifier of the ISO 18091 diagnostic (a BSN team, a university),
 * who reads and rates the diagnostics of their own organisation and nothing else.
 */
export const ROLES = [
  'admin',
  'quality_officer',
  'assessor',
  'management',
  'unit_head',
  'diagnostic_assessor',
] as const;
export type Role = (typeof ROLES)[number];
