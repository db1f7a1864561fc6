import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import { Forbidden, Unauthorized } from '../common/domain-error.js';
import { ACCESS_KEY, type AccessRule } from './access.decorator.js';
import { AuthService, SESSION_COOKIE } from './auth.service.js';
import { can } from './permissions.js';
import type { AuthenticatedRequest } from './principal.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The token of a form that cannot put it in a header or in a body read before the guard: a
 * multipart upload without JavaScript sends it as `?_csrf=` (the multipart body is read by the
 * handler, after this guard, so the token is checked before a byte of the file is stored). Only for
 * multipart requests, and only one value; Referrer-Policy: no-referrer keeps the URL from leaking.
 */
function multipartQueryToken(req: AuthenticatedRequest): string | null {
  if (!/^multipart\/form-data\b/i.test(req.header('content-type') ?? '')) return null;
  const value = (req.query as Record<string, unknown> | undefined)?._csrf;
  return typeof value === 'string' ? value : null;
}

/**
 * The one global guard: default deny. Every route declares its access with @Public, @Authenticated
 * or @Access(permission); a route that declares nothing is refused. Cookie sign-ins must echo the
 * session's CSRF token on every unsafe request; bearer tokens are not sent by browsers on their own
 * and need none.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!rule) {
      this.logger.error(
        `${req.method} ${req.route ? (req.route as { path: string }).path : req.path} declares no access: refused`,
      );
      throw new Forbidden('no_access_declared');
    }
    if (rule.kind === 'public') return true;

    const bearer = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const token = bearer ?? cookie;
    if (!token) throw new Unauthorized('unauthorized');
    const principal = await this.auth.resolve(token, bearer ? 'bearer' : 'cookie');
    if (!principal) throw new Unauthorized('session_expired');

    if (principal.via === 'cookie' && !SAFE_METHODS.has(req.method)) {
      const body = req.body as Record<string, unknown> | undefined;
      const sent =
        req.header('x-csrf-token') ??
        (typeof body?._csrf === 'string' ? body._csrf : null) ??
        multipartQueryToken(req) ??
        '';
      if (!sent || !sameToken(sent, principal.csrfToken)) throw new Forbidden('csrf_invalid');
      if (body && '_csrf' in body) delete body._csrf;
    }
    const { csrfToken, ...rest } = principal;
    req.principal = rest;
    // Pages put it into their forms; only for cookie sign-ins, where it is needed.
    if (principal.via === 'cookie')
      (req as AuthenticatedRequest & { csrfToken?: string }).csrfToken = csrfToken;
    if (rule.kind === 'permission' && !can(principal, rule.permission))
      throw new Forbidden('forbidden');
    return true;
  }
}
