import { Controller, Get, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
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
  @Redirect('/', 303)
  async start(@CurrentUser() me: Principal): Promise<{ url: string }> {
    return { url: await this.home.startPage(me) };
  }
}
