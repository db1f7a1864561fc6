import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { HomeService } from './home.service.js';

@ApiExcludeController()
@Controller()
export class HomeController {
  constructor(private readonly home: HomeService) {}

  /** Each role starts where its work is: the unit checklist, the assessments, or the dashboard. */
  @Get()
  @Authenticated()
  async start(@CurrentUser() me: Principal, @Res() res: Response): Promise<void> {
    res.redirect(303, await this.home.startPage(me));
  }
}
