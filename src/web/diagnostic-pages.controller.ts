import { Controller, Get, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { CodeParam, IdParam } from '../common/params.js';
import type { Language } from '../i18n/i18n.js';
import { CreateDiagnosticForm, RateIndicatorForm } from './diagnostic-forms.js';
import { DiagnosticPage } from './diagnostic-page.js';
import { Form, type Posted } from './forms.js';
import { Lang, Page } from './page.js';

/** The ISO 18091 Annex A diagnostic: periods, the traffic-light matrix, the rating form. */
@ApiExcludeController()
@Controller()
export class DiagnosticPagesController {
  constructor(private readonly page: DiagnosticPage) {}

  @Get('organisations/:id/diagnostics')
  @Access('diagnostics.read')
  @Page('diagnostics', 'diagnostic.list_title')
  list(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.page.list(me, id, lang);
  }

  @Post('organisations/:id/diagnostics')
  @Access('diagnostics.manage')
  @Page('diagnostics', 'diagnostic.list_title')
  create(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(CreateDiagnosticForm) form: Posted<CreateDiagnosticForm>,
  ) {
    return this.page.create(me, id, lang, form);
  }

  @Get('diagnostics/:id')
  @Access('diagnostics.read')
  @Page('diagnostic', 'diagnostic.title')
  matrix(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.page.matrix(me, id, lang);
  }

  @Get('diagnostics/:id/indicators/:code')
  @Access('diagnostics.rate')
  @Page('diagnostic-indicator', 'diagnostic.rate_title')
  indicator(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @CodeParam() code: string,
    @Lang() lang: Language,
  ) {
    return this.page.indicator(me, id, code, lang);
  }

  @Post('diagnostics/:id/indicators/:code')
  @Access('diagnostics.rate')
  @Page('diagnostic-indicator', 'diagnostic.rate_title')
  rate(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @CodeParam() code: string,
    @Lang() lang: Language,
    @Form(RateIndicatorForm) form: Posted<RateIndicatorForm>,
  ) {
    return this.page.rate(me, id, code, lang, form);
  }
}
