export const ROLES = ['admin', 'quality_officer', 'assessor', 'management', 'unit_head'] as const;
export type Role = (typeof ROLES)[number];
