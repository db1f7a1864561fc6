import type { EvidenceStatus } from './evidence-status.js';

/**
 * The life-cycle rules of an evidence item, as plain functions. Days are 'YYYY-MM-DD' in Kupang's
 * time zone: see common/dates.ts todayInZone.
 */

/** Past its last valid day; evidence without a validity end never expires. */
export function isExpired(validUntil: string | null, today: string): boolean {
  return validUntil !== null && validUntil < today;
}

/** What decides whether an evidence item counts (readiness reads it through this shape). */
export interface EvidencePresence {
  status: EvidenceStatus;
  /** Last valid day, 'YYYY-MM-DD'. */
  validUntil: string | null;
  withdrawn: boolean;
}

/** Evidence counts only while accepted, not withdrawn and within its validity (the end day included). */
export function isEvidencePresent(evidence: EvidencePresence, today: string): boolean {
  return (
    evidence.status === 'accepted' && !evidence.withdrawn && !isExpired(evidence.validUntil, today)
  );
}

/** Fields whose change alters what the item claims, so an assessor must look at it again. */
export const REVIEWED_FIELDS = ['clauses', 'validUntil', 'reference'] as const;

/**
 * The review state after a change: a new file, or a change to what the item claims, sends it back
 * to review (submitted); editing only its wording (title, description) keeps the decision.
 */
export function statusAfterChange(
  current: EvidenceStatus,
  change: { newVersion: boolean; changedFields: readonly string[] },
): EvidenceStatus {
  const claimChanged = change.changedFields.some((f) =>
    (REVIEWED_FIELDS as readonly string[]).includes(f),
  );
  return change.newVersion || claimChanged ? 'submitted' : current;
}
