import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import type { Language } from '../i18n/i18n.js';
import { RequestLanguage } from '../common/request-language.js';
import {
  NotificationPageResponse,
  NotificationResponse,
  NotificationsReadAllResponse,
} from '../openapi/notifications.responses.js';
import { NotificationListQuery } from './notifications.dto.js';
import {
  NotificationsService,
  type NotificationPage,
  type NotificationView,
} from './notifications.service.js';

@ApiTags('notifications')
@Controller('api/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Access('notifications.read')
  @ApiOperation({ summary: 'Your notifications, newest first (?unread=1: unread only)' })
  @ApiOkResponse({ type: NotificationPageResponse })
  list(
    @CurrentUser() me: Principal,
    @Query() q: NotificationListQuery,
    @RequestLanguage() lang: Language,
  ): Promise<NotificationPage> {
    return this.notifications.list(me, q, lang);
  }

  @Post('read-all')
  @HttpCode(200)
  @Access('notifications.read')
  @ApiOperation({ summary: 'Mark all your notifications read' })
  @ApiOkResponse({ type: NotificationsReadAllResponse })
  readAll(@CurrentUser() me: Principal): Promise<{ marked: number; unread: number }> {
    return this.notifications.markAllRead(me);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Access('notifications.read')
  @ApiOperation({ summary: "Mark one of your notifications read (another user's: 404)" })
  @ApiOkResponse({ type: NotificationResponse })
  read(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @RequestLanguage() lang: Language,
  ): Promise<NotificationView> {
    return this.notifications.markRead(me, id, lang);
  }
}
