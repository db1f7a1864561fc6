export const EVIDENCE_STATUSES = ['submitted', 'accepted', 'rejected'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];
