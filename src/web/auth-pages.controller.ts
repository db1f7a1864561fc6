import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, Public } from '../auth/access.decorator.js';
import { AuthService } from '../auth/auth.service.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { signOut } from '../auth/session-cookie.js';
import { LANGUAGES, type Language } from '../i18n/i18n.js';
import { LoginForm, ProfileForm, safeNext } from './auth-forms.js';
import { AuthPage } from './auth-page.js';
import { Form, type Posted } from './forms.js';
import { Page } from './page.js';

@ApiExcludeController()
@Controller()
export class AuthPagesController {
  constructor(
    private readonly auth: AuthService,
    private readonly page: AuthPage,
  ) {}

  @Get('login')
  @Public()
  @Page('login', 'login.title')
  loginPage(@Query('next') next: unknown) {
    return this.page.login(next);
  }

  @Post('login')
  @Public()
  @Page('login', 'login.title')
  login(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Form(LoginForm) form: Posted<LoginForm>,
  ) {
    return this.page.signIn(req, res, form);
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
  @Page('profile', 'profile.title')
  profile(@CurrentUser() me: Principal) {
    return this.page.profile(me);
  }

  @Post('profile')
  @Authenticated()
  @Page('profile', 'profile.title')
  saveProfile(@CurrentUser() me: Principal, @Form(ProfileForm) form: Posted<ProfileForm>) {
    return this.page.saveProfile(me, form);
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
