import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import { from, switchMap, type Observable } from 'rxjs';
import type { Principal } from '../auth/principal.js';
import { NotificationsService } from './notifications.service.js';

/** What a page's layout reads for the bell: set on signed-in GET page requests (not the API). */
export type RequestWithUnread = Request & { principal?: Principal; unreadNotifications?: number };

@Injectable()
export class UnreadCountInterceptor implements NestInterceptor {
  constructor(private readonly notifications: NotificationsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<RequestWithUnread>();
    if (!req.principal || req.method !== 'GET' || req.path.startsWith('/api/'))
      return next.handle();
    const principal = req.principal;
    return from(
      this.notifications.unreadCount(principal).then(
        (count) => {
          req.unreadNotifications = count;
        },
        () => undefined,
      ),
    ).pipe(switchMap(() => next.handle()));
  }
}
