import type { EvidenceStatus } from './evidence-status.js';

/**
 * The life-cycle rules of an evidence item, as plain functions. Days are 'YYYY-MM-DD' in Kupang's
 * time zone: see common/dates.ts todayInZone.
 */

/**
 * Past its last valid day; evidence without a validity end never expires. Whether an item counts
 * as present (accepted, unexpired, not withdrawn) is readiness/readiness.ts isEvidencePresent.
 */
export function isExpired(validUntil: string | null, today: string): boolean {
  return validUntil !== null && validUntil < today;
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
