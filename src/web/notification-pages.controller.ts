import { Controller, Get, Header, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator.js';
import { UpdateProfileDto } from '../auth/auth.dto.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { UsersService } from '../auth/users.service.js';
import { IdParam } from '../common/params.js';
import { NOTIFICATION_KINDS } from '../notifications/notification-types.js';
import { NotificationListQuery } from '../notifications/notifications.dto.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import {
  blankToNull,
  fieldErrors,
  Form,
  submitForm,
  validateForm,
  type FormBody,
  type FormError,
} from './forms.js';
import {
  deliveryProblemsView,
  notificationListView,
  notificationSettingsView,
} from './notifications-page.js';
import { PageRenderer } from './page-renderer.js';
import { frameFor, type WebRequest } from './web-frame.js';

/** The bell's list, marking read, the e-mail settings, and the administrator's failed e-mails. */
@ApiExcludeController()
@Controller()
export class NotificationPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
  ) {}

  @Get('notifications')
  @Access('notifications.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async list(
    @CurrentUser() me: Principal,
    @Query() q: NotificationListQuery,
    @Req() req: WebRequest,
  ): Promise<string> {
    const frame = frameFor(req, 'notifications.title');
    const page = await this.notifications.list(me, q, frame.lang);
    return this.pages.render(
      'notifications',
      notificationListView(page, q.unread === true, frame.lang),
      frame,
    );
  }

  @Post('notifications/read-all')
  @Access('notifications.read')
  async readAll(@CurrentUser() me: Principal, @Res() res: Response): Promise<void> {
    await this.notifications.markAllRead(me);
    res.redirect(303, '/notifications?flash=notifications_read');
  }

  /** Marks it read and opens its record (the list's links post here). */
  @Post('notifications/:id/read')
  @Access('notifications.read')
  async read(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Form() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    const n = await this.notifications.markRead(me, id, frameFor(req, 'notifications.title').lang);
    res.redirect(303, body.open === '1' ? n.url : '/notifications');
  }

  @Get('notifications/settings')
  @Access('notifications.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  settings(@CurrentUser() me: Principal, @Req() req: WebRequest): Promise<string> {
    return this.renderSettings(me, req, null, undefined);
  }

  @Post('notifications/settings')
  @Access('notifications.read')
  async saveSettings(
    @CurrentUser() me: Principal,
    @Form() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await submitForm(
      req,
      res,
      async () => {
        const prefs = Object.fromEntries(
          NOTIFICATION_KINDS.filter((k) => typeof body[`mode_${k}`] === 'string').map((k) => [
            k,
            body[`mode_${k}`],
          ]),
        );
        // The same DTO as PATCH /api/auth/me: one validation for the page and the API.
        const dto = validateForm(UpdateProfileDto, {
          email: blankToNull(body.email),
          language: body.language,
          notificationPreferences: prefs,
        } as unknown as FormBody);
        await this.users.updateOwnProfile(me, dto);
        return '/notifications/settings?flash=notification_settings_saved';
      },
      (problem) => this.renderSettings(me, req, problem, body),
    );
  }

  @Get('admin/notifications')
  @Access('users.manage')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async deliveries(@CurrentUser() me: Principal, @Req() req: WebRequest): Promise<string> {
    const frame = frameFor(req, 'notifications.deliveries_title');
    const rows = await this.notifications.deliveryProblems(me);
    return this.pages.render(
      'admin-deliveries',
      { rows: deliveryProblemsView(rows, frame.lang) },
      frame,
    );
  }

  private async renderSettings(
    me: Principal,
    req: WebRequest,
    error: FormError | null,
    form: FormBody | undefined,
  ): Promise<string> {
    const frame = frameFor(req, 'notifications.settings');
    const user = await this.users.me(me);
    return this.pages.render(
      'notification-settings',
      {
        ...notificationSettingsView(user, frame.lang, form),
        error,
        errors: fieldErrors(['email', 'language'], error),
      },
      frame,
    );
  }
}
