/**
 * The kinds of notification Mutu knows, and how each may reach a user by e-mail. Pure: auth's
 * profile DTO and the web pages read it without depending on the notification machinery.
 */
export const NOTIFICATION_KINDS = [
  'evidence_rejected',
  'evidence_waiting_review',
  'evidence_expiring',
  'action_assigned',
  'action_due_soon',
  'action_overdue',
  'finding_raised',
  'report_issued',
  'survey_due',
  'document_revision_awaiting_approval',
  'document_review_due',
  'document_review_overdue',
  'audit_planned',
  'review_action_due_soon',
  'review_action_overdue',
  'management_review_due',
  'internal_audit_due',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a user wants by e-mail for one kind: in the daily digest, at once, or not at all. */
export const DELIVERY_MODES = ['digest', 'immediate', 'off'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export type NotificationPreferences = Partial<Record<NotificationKind, DeliveryMode>>;

/** Kinds that cannot wait: only these may be mailed at once (others fall back to the digest). */
export const IMMEDIATE_KINDS: ReadonlySet<string> = new Set<NotificationKind>([
  'evidence_rejected',
  'document_revision_awaiting_approval',
]);

/** The mode of a kind for a user: their choice, else immediate for urgent kinds, else the digest. */
export function modeFor(prefs: NotificationPreferences | null, kind: string): DeliveryMode {
  const chosen = prefs?.[kind as NotificationKind];
  if (chosen === 'off' || chosen === 'digest') return chosen;
  if (chosen === 'immediate') return IMMEDIATE_KINDS.has(kind) ? 'immediate' : 'digest';
  return IMMEDIATE_KINDS.has(kind) ? 'immediate' : 'digest';
}
