import { Controller, Get, Post, Query, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { UpdateProfileDto } from '../auth/auth.dto.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import type { Language } from '../i18n/i18n.js';
import { NotificationListQuery } from '../notifications/notifications.dto.js';
import { Form, type FormBody, type Posted } from './forms.js';
import { notificationSettingsFields } from './notification-forms.js';
import { NotificationsPage } from './notifications-page.js';
import { Lang, Page } from './page.js';

/** The bell's list, marking read, the e-mail settings, and the administrator's failed e-mails. */
@ApiExcludeController()
@Controller()
export class NotificationPagesController {
  constructor(private readonly page: NotificationsPage) {}

  @Get('notifications')
  @Access('notifications.read')
  @Page('notifications', 'notifications.title')
  list(@CurrentUser() me: Principal, @Query() q: NotificationListQuery, @Lang() lang: Language) {
    return this.page.list(me, q, lang);
  }

  @Post('notifications/read-all')
  @Access('notifications.read')
  @Redirect('/notifications', 303)
  readAll(@CurrentUser() me: Principal) {
    return this.page.readAll(me);
  }

  /** Marks it read and opens its record (the list's links post here). */
  @Post('notifications/:id/read')
  @Access('notifications.read')
  @Redirect('/notifications', 303)
  read(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form() body: FormBody,
  ) {
    return this.page.read(me, id, lang, body);
  }

  @Get('notifications/settings')
  @Access('notifications.read')
  @Page('notification-settings', 'notifications.settings')
  settings(@CurrentUser() me: Principal, @Lang() lang: Language) {
    return this.page.settings(me, lang);
  }

  @Post('notifications/settings')
  @Access('notifications.read')
  @Page('notification-settings', 'notifications.settings')
  saveSettings(
    @CurrentUser() me: Principal,
    @Lang() lang: Language,
    @Form(UpdateProfileDto, notificationSettingsFields) form: Posted<UpdateProfileDto>,
  ) {
    return this.page.saveSettings(me, lang, form);
  }

  @Get('admin/notifications')
  @Access('users.manage')
  @Page('admin-deliveries', 'notifications.deliveries_title')
  deliveries(@CurrentUser() me: Principal, @Lang() lang: Language) {
    return this.page.deliveries(me, lang);
  }
}
