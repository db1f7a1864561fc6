import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from './role.js';

/** The signed-in caller, as the access guard resolved it for this request. */
export interface Principal {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  organisationId: string | null;
  /** Units the user is assigned to (officers; unit-level management). */
  unitIds: string[];
  sessionId: string;
  via: 'cookie' | 'bearer';
}

export type AuthenticatedRequest = Request & { principal?: Principal; requestId?: string };

/** The caller of a route that requires sign-in. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal => {
    const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw new Error('CurrentUser used on a route without sign-in');
    return principal;
  },
);
