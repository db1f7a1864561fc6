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
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { Authenticated, Public } from '../auth/access.decorator.js';
import { AuthService, SESSION_COOKIE } from '../auth/auth.service.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { DomainError } from '../common/domain-error.js';
import { LANGUAGES, translate, type Language } from '../i18n/i18n.js';
import { PageRenderer } from './page-renderer.js';
import { frameFor, type WebRequest } from './web-frame.js';

export class LoginForm {
  @IsOptional() @IsString() @MaxLength(64) username: string = '';
  @IsOptional() @IsString() @MaxLength(200) password: string = '';
  @IsOptional() @IsString() @MaxLength(500) next: string = '/';
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
    try {
      const result = await this.auth.login(form.username, form.password, {
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
      res.redirect(303, safeNext(form.next));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const frame = frameFor(req, 'login.title');
      const message = translate(frame.lang, `error.${error.code}`, error.params);
      for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
      // What was typed stays (but never the password), with the reason beside it.
      res
        .status(error.status)
        .type('html')
        .send(
          this.pages.render(
            'login',
            { error: message, username: form.username, next: safeNext(form.next) },
            frame,
          ),
        );
    }
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(303)
  async logout(@CurrentUser() me: Principal, @Res() res: Response): Promise<void> {
    await this.auth.logout(me);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/login?flash=signed_out');
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
