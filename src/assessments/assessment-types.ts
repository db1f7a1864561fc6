export const ASSESSMENT_TYPES = [
  'gap_assessment',
  'internal_audit',
  'stage_1',
  'stage_2',
  'surveillance',
] as const;
export type AssessmentType = (typeof ASSESSMENT_TYPES)[number];

export const ASSESSMENT_STATES = ['draft', 'in_progress', 'reported'] as const;
export type AssessmentState = (typeof ASSESSMENT_STATES)[number];

export const RATINGS = ['not_assessed', 'not_met', 'partly_met', 'met'] as const;
export type Rating = (typeof RATINGS)[number];
