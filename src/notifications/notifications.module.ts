import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { NotificationEngine } from './notification-engine.js';
import { NotificationScheduler } from './notification-scheduler.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { UnreadCountInterceptor } from './unread-count.interceptor.js';

@Module({
  imports: [AuthModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    {
      provide: NotificationEngine,
      inject: [getDataSourceToken(), MUTU_CONFIG],
      useFactory: (db: DataSource, config: MutuConfig) => new NotificationEngine(db, config),
    },
    NotificationScheduler,
    { provide: APP_INTERCEPTOR, useClass: UnreadCountInterceptor },
  ],
  exports: [NotificationsService, NotificationEngine],
})
export class NotificationsModule {}
