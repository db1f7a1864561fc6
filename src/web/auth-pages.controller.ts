import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { Authenticated, Public } from '../auth/access.decorator.js';
import { UpdateProfileDto } from '../auth/auth.dto.js';
import { AuthService } from '../auth/auth.service.js';
import { UsersService } from '../auth/users.service.js';
import { ValidationFailed } from '../common/domain-error.js';
import { signIn, signOut } from '../auth/session-cookie.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { LANGUAGES, type Language } from '../i18n/i18n.js';
import {
  blankToNull,
  fieldErrors,
  submitForm,
  validateForm,
  type FormBody,
  type FormError,
  Form,
} from './forms.js';
import { PageRenderer } from './page-renderer.js';
import { frameFor, type WebRequest } from './web-frame.js';
import { Optional } from '../common/validators.js';

export class LoginForm {
  @IsString() @MaxLength(64) @Optional() username: string = '';
  @IsString() @MaxLength(200) @Optional() password: string = '';
  @IsString() @MaxLength(500) @Optional() next: string = '/';
}

/** Only a local path may follow sign-in (no open redirect to another site). */
export const safeNext = (next: unknown): string =>
  typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) && !next.startsWith('/login')
    ? next
    : '/';

@ApiExcludeController()
@Controller()
export class AuthPagesController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly pages: PageRenderer,
  ) {}

  @Get('login')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  loginPage(@Req() req: WebRequest, @Query('next') next: unknown): string {
    return this.pages.render(
      'login',
      { error: null, username: '', next: safeNext(next) },
      frameFor(req, 'login.title'),
    );
  }

  @Post('login')
  @Public()
  async login(
    @Req() req: WebRequest,
    @Body() form: LoginForm,
    @Res() res: Response,
  ): Promise<void> {
    const frame = frameFor(req, 'login.title');
    await submitForm(
      req,
      res,
      async () => {
        await signIn(this.auth, req, res, form);
        return safeNext(form.next);
      },
      // What was typed stays (but never the password), with the reason beside it.
      (problem) =>
        this.pages.render(
          'login',
          { error: problem.message, username: form.username, next: safeNext(form.next) },
          frame,
        ),
      (refusal) => refusal.status,
    );
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(303)
  async logout(@CurrentUser() me: Principal, @Res() res: Response): Promise<void> {
    await signOut(this.auth, me, res);
    res.redirect(303, '/login?flash=signed_out');
  }

  /** Your own name and password: the one account change every user may make. */
  @Get('profile')
  @Authenticated()
  @Header('Content-Type', 'text/html; charset=utf-8')
  profile(@CurrentUser() me: Principal, @Req() req: WebRequest): Promise<string> {
    return this.renderProfile(me, req, null, null);
  }

  @Post('profile')
  @Authenticated()
  async saveProfile(
    @CurrentUser() me: Principal,
    @Form() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await submitForm(
      req,
      res,
      async () => {
        const newPassword = blankToNull(body.newPassword);
        if (newPassword && newPassword !== body.newPasswordAgain)
          throw new ValidationFailed([{ field: 'newPasswordAgain', rule: 'passwordsDiffer' }]);
        const dto = validateForm(UpdateProfileDto, {
          displayName: body.displayName,
          ...(newPassword ? { newPassword, currentPassword: body.currentPassword ?? '' } : {}),
        });
        await this.users.updateOwnProfile(me, dto);
        // A new password ends every session, this one too: sign in again with it.
        return newPassword ? '/login?flash=password_changed' : '/profile?flash=profile_saved';
      },
      (problem) => this.renderProfile(me, req, problem, body),
      (refusal) => (refusal.status === 403 ? 403 : 400),
    );
  }

  private async renderProfile(
    me: Principal,
    req: WebRequest,
    error: FormError | null,
    form: FormBody | null,
  ): Promise<string> {
    const user = await this.users.me(me);
    return this.pages.render(
      'profile',
      {
        user,
        error,
        errors: fieldErrors(
          ['displayName', 'currentPassword', 'newPassword', 'newPasswordAgain'],
          error,
        ),
        // Passwords are never sent back; the name is.
        form: { displayName: form?.displayName ?? user.displayName },
      },
      frameFor(req, 'profile.title'),
    );
  }

  @Get('lang/:code')
  @Public()
  switchLanguage(
    @Param('code') code: string,
    @Query('next') next: unknown,
    @Res() res: Response,
  ): void {
    if (LANGUAGES.includes(code as Language))
      res.cookie('mutu_lang', code, { sameSite: 'lax', path: '/', maxAge: 365 * 24 * 3600_000 });
    res.redirect(303, safeNext(next));
  }
}
