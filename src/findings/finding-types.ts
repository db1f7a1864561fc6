export const FINDING_GRADES = ['major', 'minor', 'observation', 'improvement'] as const;
export type FindingGrade = (typeof FINDING_GRADES)[number];

export const FINDING_STATES = [
  'open',
  'planned',
  'implemented',
  'verified',
  'closed',
  'reopened',
] as const;
export type FindingState = (typeof FINDING_STATES)[number];
