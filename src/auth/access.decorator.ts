import { SetMetadata } from '@nestjs/common';
import type { Permission } from './permissions.js';

export const ACCESS_KEY = 'mutu:access';

/** Who may call a route: anyone, any signed-in user, or holders of one permission. */
export type AccessRule =
  { kind: 'public' } | { kind: 'authenticated' } | { kind: 'permission'; permission: Permission };

/** Declares who may call a route (or every route of a controller). A route that declares nothing is refused. */
export const Access = (permission: Permission): MethodDecorator & ClassDecorator =>
  SetMetadata<string, AccessRule>(ACCESS_KEY, { kind: 'permission', permission });

export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata<string, AccessRule>(ACCESS_KEY, { kind: 'public' });

export const Authenticated = (): MethodDecorator & ClassDecorator =>
  SetMetadata<string, AccessRule>(ACCESS_KEY, { kind: 'authenticated' });
