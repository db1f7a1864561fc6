import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { requestLanguage } from './all-exceptions.filter.js';
import type { Language } from '../i18n/i18n.js';

/** The caller's language: ?lang=, the mutu_lang cookie, then Accept-Language; Indonesian by default. */
export const RequestLanguage = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Language =>
    requestLanguage(ctx.switchToHttp().getRequest<Request>()),
);
