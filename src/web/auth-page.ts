import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthService } from '../auth/auth.service.js';
import type { Principal } from '../auth/principal.js';
import { signIn } from '../auth/session-cookie.js';
import { UsersService } from '../auth/users.service.js';
import { LANGUAGES, type Language } from '../i18n/i18n.js';
import { type LoginForm, type ProfileForm, safeNext } from './auth-forms.js';
import { fieldErrors, type Again, type Posted } from './forms.js';

const PROFILE_FIELDS = ['displayName', 'currentPassword', 'newPassword', 'newPasswordAgain'];

/** templates/pages/login.hbs and profile.hbs: signing in, and your own name and password. */
@Injectable()
export class AuthPage {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  /** The language switch: a cookie for a year, then back to the page (a local path only). */
  switchLanguage(code: string, next: unknown, res: Response): { url: string } {
    if (LANGUAGES.includes(code as Language))
      res.cookie('mutu_lang', code, { sameSite: 'lax', path: '/', maxAge: 365 * 24 * 3600_000 });
    return { url: safeNext(next) };
  }

  login(next: unknown) {
    return { error: null, username: '', next: safeNext(next) };
  }

  signIn(req: Request, res: Response, form: Posted<LoginForm>) {
    return form.submit(
      async (credentials) => {
        await signIn(this.auth, req, res, credentials);
        return safeNext(credentials.next);
      },
      // What was typed stays (but never the password), with the reason beside it.
      ({ problem, posted }) => ({
        error: problem.message,
        username: typeof posted.username === 'string' ? posted.username : '',
        next: safeNext(posted.next ?? '/'),
      }),
      (refusal) => refusal.status,
    );
  }

  async profile(me: Principal, again: Again | null = null) {
    const user = await this.users.me(me);
    return {
      user,
      error: again?.problem ?? null,
      errors: fieldErrors(PROFILE_FIELDS, again?.problem ?? null),
      // Passwords are never sent back; the name is.
      form: { displayName: again?.posted.displayName ?? user.displayName },
    };
  }

  saveProfile(me: Principal, form: Posted<ProfileForm>) {
    return form.submit(
      async (dto) => {
        await this.users.updateOwnProfile(me, dto);
        // A new password ends every session, this one too: sign in again with it.
        return dto.newPassword !== undefined
          ? '/login?flash=password_changed'
          : '/profile?flash=profile_saved';
      },
      (again) => this.profile(me, again),
      (refusal) => (refusal.status === 403 ? 403 : 400),
    );
  }
}
