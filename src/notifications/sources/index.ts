import type { NotificationSource } from '../notification-source.js';
import { actionAssigned, actionDueSoon, actionOverdue } from './action-sources.js';
import {
  annualObligationsDue,
  auditPlanned,
  reviewActionDueSoon,
  reviewActionOverdue,
} from './audit-review-sources.js';
import { documentReviewDue, documentRevisionAwaitingApproval } from './document-sources.js';
import { evidenceExpiring, evidenceRejected, evidenceWaitingReview } from './evidence-sources.js';
import { surveyDue } from './survey-source.js';
import { findingRaised, reportIssued } from './unit-event-sources.js';

/**
 * Every source the scan runs, in order. A new kind of reminder is one file in this folder and one
 * line here (docs/NOTIFICATIONS.md).
 */
export const NOTIFICATION_SOURCES: readonly NotificationSource[] = [
  evidenceRejected,
  evidenceWaitingReview,
  evidenceExpiring,
  actionAssigned,
  actionDueSoon,
  actionOverdue,
  findingRaised,
  reportIssued,
  surveyDue,
  documentRevisionAwaitingApproval,
  documentReviewDue,
  auditPlanned,
  reviewActionDueSoon,
  reviewActionOverdue,
  annualObligationsDue,
];
