import { Controller, Get, Param, Post, Query, Redirect, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, Public } from '../auth/access.decorator.js';
import { AuthService } from '../auth/auth.service.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { signOut } from '../auth/session-cookie.js';
import { LoginForm, ProfileForm } from './auth-forms.js';
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
  @Redirect('/login?flash=signed_out', 303)
  logout(@CurrentUser() me: Principal, @Res({ passthrough: true }) res: Response): Promise<void> {
    return signOut(this.auth, me, res);
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
  @Redirect('/', 303)
  switchLanguage(
    @Param('code') code: string,
    @Query('next') next: unknown,
    @Res({ passthrough: true }) res: Response,
  ): { url: string } {
    return this.page.switchLanguage(code, next, res);
  }
}
