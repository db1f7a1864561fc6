export const ROLES = ['admin', 'quality_officer', 'assessor', 'management'] as const;
export type Role = (typeof ROLES)[number];
