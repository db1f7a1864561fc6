import { Controller, Get, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import type { Language } from '../i18n/i18n.js';
import { AuditProgrammePage } from './audit-programme-page.js';
import { Form, type Posted } from './forms.js';
import { Lang, Page } from './page.js';
import { EntryForm, PostponeForm, ProgrammeForm } from './programme-forms.js';

/** The organisation's internal audit programmes (9.2.2): the year's audits, by list and month. */
@ApiExcludeController()
@Controller()
export class AuditProgrammePagesController {
  constructor(private readonly page: AuditProgrammePage) {}

  @Get('organisations/:id/audit-programmes')
  @Access('organisations.read')
  @Page('audit-programmes', 'programme.heading')
  list(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.page.list(me, id, lang);
  }

  @Post('organisations/:id/audit-programmes')
  @Access('audit_programme.manage')
  @Page('audit-programmes', 'programme.heading')
  create(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(ProgrammeForm) form: Posted<ProgrammeForm>,
  ) {
    return this.page.create(me, id, lang, form);
  }

  @Get('audit-programmes/:id')
  @Access('organisations.read')
  @Page('audit-programme', 'programme.heading')
  programme(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.page.programme(me, id, lang);
  }

  @Post('audit-programmes/:id/entries')
  @Access('audit_programme.manage')
  @Page('audit-programme', 'programme.heading')
  addEntry(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(EntryForm) form: Posted<EntryForm>,
  ) {
    return this.page.addEntry(me, id, lang, form);
  }

  @Post('audit-programme-entries/:id/start')
  @Access('audit_programme.manage')
  @Page('audit-programme', 'programme.heading')
  start(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.page.start(me, id, lang);
  }

  @Post('audit-programme-entries/:id/postpone')
  @Access('audit_programme.manage')
  @Page('audit-programme', 'programme.heading')
  postpone(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(PostponeForm) form: Posted<PostponeForm>,
  ) {
    return this.page.postpone(me, id, lang, form);
  }
}
