import { Injectable } from '@nestjs/common';
import type { UpdateProfileDto } from '../auth/auth.dto.js';
import type { Principal } from '../auth/principal.js';
import { UsersService, type UserView } from '../auth/users.service.js';
import { formatDateTimeWita } from '../common/dates.js';
import type { Language } from '../i18n/i18n.js';
import { translate } from '../i18n/i18n.js';
import {
  DELIVERY_MODES,
  IMMEDIATE_KINDS,
  modeFor,
  NOTIFICATION_KINDS,
} from '../notifications/notification-types.js';
import type { NotificationListQuery } from '../notifications/notifications.dto.js';
import {
  NotificationsService,
  type DeliveryProblem,
  type NotificationPage,
} from '../notifications/notifications.service.js';
import { fieldErrors, type Again, type FormBody, type Posted } from './forms.js';

/**
 * The notification pages: the bell's list, marking read, the e-mail settings and the
 * administrator's failed e-mails. View models here, decisions in the services.
 */
@Injectable()
export class NotificationsPage {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
  ) {}

  /** templates/pages/notifications.hbs */
  async list(me: Principal, q: NotificationListQuery, lang: Language) {
    return notificationListView(
      await this.notifications.list(me, q, lang),
      q.unread === true,
      lang,
    );
  }

  async readAll(me: Principal): Promise<{ url: string }> {
    await this.notifications.markAllRead(me);
    return { url: '/notifications?flash=notifications_read' };
  }

  /** Marks it read; the list's "open" link (open=1) goes on to its record, the others back. */
  async read(
    me: Principal,
    id: string,
    lang: Language,
    posted: FormBody,
  ): Promise<{ url: string }> {
    const n = await this.notifications.markRead(me, id, lang);
    return { url: posted.open === '1' ? n.url : '/notifications' };
  }

  /** templates/pages/notification-settings.hbs; `again`: the refused form, as it was posted. */
  async settings(me: Principal, lang: Language, again: Again | null = null) {
    const user = await this.users.me(me);
    const error = again?.problem ?? null;
    return {
      ...notificationSettingsView(user, lang, again?.posted),
      error,
      errors: fieldErrors(['email', 'language'], error),
    };
  }

  saveSettings(me: Principal, lang: Language, form: Posted<UpdateProfileDto>) {
    return form.submit(
      async (dto) => {
        await this.users.updateOwnProfile(me, dto);
        return '/notifications/settings?flash=notification_settings_saved';
      },
      (again) => this.settings(me, lang, again),
    );
  }

  /** templates/pages/admin-deliveries.hbs */
  async deliveries(me: Principal, lang: Language) {
    return { rows: deliveryProblemsView(await this.notifications.deliveryProblems(me), lang) };
  }
}

/** The view model of the notification list (/notifications). */
function notificationListView(page: NotificationPage, unreadOnly: boolean, lang: Language) {
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
function notificationSettingsView(user: UserView, lang: Language, form?: Record<string, unknown>) {
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
function deliveryProblemsView(rows: DeliveryProblem[], lang: Language) {
  return rows.map((d) => ({
    ...d,
    statusText: translate(
      lang,
      `notifications.status.${d.status === 'failed' ? 'failed' : 'pending'}`,
    ),
    next: d.status === 'failed' ? '—' : formatDateTimeWita(d.nextAttemptAt, lang),
  }));
}
