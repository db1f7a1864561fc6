import { Controller, Get, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import type { Language } from '../i18n/i18n.js';
import { AuditPage } from './audit-page.js';
import type { FormBody } from './forms.js';
import { Lang, Page } from './page.js';

/** The audit trail as a page: who changed what, newest first, within the reader's scope. */
@ApiExcludeController()
@Controller('audit')
export class AuditPagesController {
  constructor(private readonly page: AuditPage) {}

  @Get()
  @Access('audit.read')
  @Page('audit', 'audit.title')
  trail(@CurrentUser() me: Principal, @Lang() lang: Language, @Query() query: FormBody) {
    return this.page.trail(me, lang, query);
  }
}
