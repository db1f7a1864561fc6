import type { Request, Response } from 'express';
import { SESSION_COOKIE, type AuthService, type LoginResult } from './auth.service.js';
import type { Principal } from './principal.js';

/**
 * Signs in and hands the browser its session cookie (httpOnly, SameSite=Lax, Secure behind
 * HTTPS): the same for the API's login and the sign-in page.
 */
export async function signIn(
  auth: AuthService,
  req: Request,
  res: Response,
  credentials: { username: string; password: string },
): Promise<LoginResult> {
  const result = await auth.login(credentials.username, credentials.password, {
    ip: req.ip ?? null,
    userAgent: req.header('user-agent') ?? null,
  });
  res.cookie(SESSION_COOKIE, result.accessToken, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    expires: result.expiresAt,
  });
  return result;
}

/** Ends the session and removes its cookie. */
export async function signOut(auth: AuthService, me: Principal, res: Response): Promise<void> {
  await auth.logout(me);
  res.clearCookie(SESSION_COOKIE, { path: '/' });
}
