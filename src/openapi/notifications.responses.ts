import type { NotificationPage, NotificationView } from '../notifications/notifications.service.js';

export class NotificationResponse implements NotificationView {
  id!: string;
  /** evidence_rejected, evidence_waiting_review, action_overdue, … (notifications/notification-types.ts) */
  kind!: string;
  /** In the caller's language. */
  title!: string;
  /** Path of the record inside Mutu. */
  url!: string;
  createdAt!: Date;
  readAt!: Date | null;
}

export class NotificationPageResponse implements NotificationPage {
  items!: NotificationResponse[];
  total!: number;
  page!: number;
  pageSize!: number;
  /** Unread notifications of the caller (all pages). */
  unread!: number;
}

export class NotificationsReadAllResponse {
  marked!: number;
  unread!: number;
}
