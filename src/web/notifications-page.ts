import type { UserView } from '../auth/users.service.js';
import { formatDateTimeWita } from '../common/dates.js';
import type { Language } from '../i18n/i18n.js';
import { translate } from '../i18n/i18n.js';
import {
  DELIVERY_MODES,
  IMMEDIATE_KINDS,
  modeFor,
  NOTIFICATION_KINDS,
} from '../notifications/notification-types.js';
import type { DeliveryProblem, NotificationPage } from '../notifications/notifications.service.js';

/** The view model of the notification list (/notifications). */
export function notificationListView(page: NotificationPage, unreadOnly: boolean, lang: Language) {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const link = (n: number): string => `/notifications?page=${n}${unreadOnly ? '&unread=1' : ''}`;
  return {
    unreadOnly,
    unread: page.unread,
    items: page.items.map((n) => ({
      ...n,
      when: formatDateTimeWita(n.createdAt, lang),
      readText: n.readAt
        ? translate(lang, 'notifications.read_at', { at: formatDateTimeWita(n.readAt, lang) })
        : null,
    })),
    pageText: translate(lang, 'notifications.page', { page: page.page, pages }),
    previous: page.page > 1 ? link(page.page - 1) : null,
    next: page.page < pages ? link(page.page + 1) : null,
  };
}

/** The settings form: e-mail, language and one choice per kind (immediate only where it applies). */
export function notificationSettingsView(
  user: UserView,
  lang: Language,
  form?: Record<string, unknown>,
) {
  const value = (key: string, fallback: string): string =>
    typeof form?.[key] === 'string' ? form[key] : fallback;
  return {
    email: value('email', user.email ?? ''),
    languages: (['id', 'en'] as const).map((l) => ({
      value: l,
      label: translate(lang, `notifications.language.${l}`),
      selected: value('language', user.language) === l,
    })),
    kinds: NOTIFICATION_KINDS.map((kind) => {
      const current = value(`mode_${kind}`, modeFor(user.notificationPreferences, kind));
      return {
        kind,
        field: `mode_${kind}`,
        label: translate(lang, `notification.kind.${kind}`),
        modes: DELIVERY_MODES.filter((m) => m !== 'immediate' || IMMEDIATE_KINDS.has(kind)).map(
          (m) => ({
            value: m,
            label: translate(lang, `notification.mode.${m}`),
            selected: current === m,
          }),
        ),
      };
    }),
  };
}

/** Failed or retried e-mails for the administrator. */
export function deliveryProblemsView(rows: DeliveryProblem[], lang: Language) {
  return rows.map((d) => ({
    ...d,
    statusText: translate(
      lang,
      `notifications.status.${d.status === 'failed' ? 'failed' : 'pending'}`,
    ),
    next: d.status === 'failed' ? '—' : formatDateTimeWita(d.nextAttemptAt, lang),
  }));
}
