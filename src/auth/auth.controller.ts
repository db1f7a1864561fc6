import { Body, Controller, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, Public } from './access.decorator.js';
import { LoginDto, UpdateProfileDto } from './auth.dto.js';
import { AuthService, type PublicUser } from './auth.service.js';
import { signIn, signOut } from './session-cookie.js';
import { CurrentUser, type Principal } from './principal.js';
import { UsersService, type UserView } from './users.service.js';
import { LoginResponse, UserResponse } from '../openapi/accounts.responses.js';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in: returns a bearer token and sets the session cookie (httpOnly, SameSite=Lax)',
  })
  @ApiOkResponse({ type: LoginResponse })
  async login(
    @Body() dto: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ accessToken: string; csrfToken: string; expiresAt: Date; user: PublicUser }> {
    const result = await signIn(this.auth, req, res, dto);
    return result;
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session' })
  @ApiNoContentResponse({ description: 'Signed out; the cookie is cleared' })
  async logout(
    @CurrentUser() me: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await signOut(this.auth, me, res);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() me: Principal): Promise<UserView> {
    return this.users.me(me);
  }

  @Patch('me')
  @Authenticated()
  @ApiOperation({
    summary:
      'Change your own display name, password, e-mail address, e-mail language or notification preferences (nothing else)',
  })
  @ApiOkResponse({ type: UserResponse })
  updateMe(@CurrentUser() me: Principal, @Body() dto: UpdateProfileDto): Promise<UserView> {
    return this.users.updateOwnProfile(me, dto);
  }
}
