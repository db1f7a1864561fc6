/**
 * The organisation a unit created from the administration page joins: an administrator of one
 * organisation is not asked (theirs); one who sees several chooses, among those they see. Null
 * when the choice is missing or not theirs to make (a 400 naming `organisationId`).
 */
export function organisationOfNewUnit(
  visible: readonly string[],
  chosen: string | undefined,
): string | null {
  if (visible.length === 1) return visible[0];
  return chosen !== undefined && visible.includes(chosen) ? chosen : null;
}
