import { Controller, Get, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import type { Language } from '../i18n/i18n.js';
import { Lang, Page } from './page.js';
import { SatisfactionPage } from './satisfaction-page.js';

/** The unit's public satisfaction survey (SKM): the latest IKM, its elements and the trend. */
@ApiExcludeController()
@Controller()
export class SatisfactionPagesController {
  constructor(private readonly page: SatisfactionPage) {}

  @Get('units/:id/satisfaction')
  @Access('units.read')
  @Page('satisfaction', 'survey.page_title')
  show(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.page.view(me, id, lang);
  }

  @Post('satisfaction-surveys/:id/finding')
  @Access('findings.record')
  @Page('satisfaction', 'survey.page_title')
  raise(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.page.raise(me, id, lang);
  }
}
