import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access, Authenticated } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import type { Language } from '../i18n/i18n.js';
import { DashboardPage } from './dashboard-page.js';
import { Form, type FormBody, type Posted } from './forms.js';
import { Lang, Page } from './page.js';
import {
  CorrectiveActionForm,
  RateClauseForm,
  RecordFindingForm,
  TransitionForm,
} from './work-forms.js';
import { WorkPage } from './work-page.js';

/** Assessor and officer work pages: the assessment workspace, findings and the dashboard. */
@ApiExcludeController()
@Controller()
export class WorkPagesController {
  constructor(
    private readonly work: WorkPage,
    private readonly dashboard: DashboardPage,
  ) {}

  @Get('organisations/:id')
  @Access('organisations.read')
  @Page('dashboard', 'dashboard.title')
  organisation(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Query() query: FormBody,
  ) {
    return this.dashboard.build(me, id, lang, query);
  }

  @Get('assessments/:id')
  @Access('units.read')
  @Page('assessment', 'assessment.title')
  assessment(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.work.assessment(me, id, lang);
  }

  @Post('assessments/:id/clauses/:number')
  @Access('assessments.rate')
  @Page('assessment', 'assessment.title')
  rate(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Param('number') number: string,
    @Lang() lang: Language,
    @Form(RateClauseForm) form: Posted<RateClauseForm>,
  ) {
    return this.work.rate(me, id, number, lang, form);
  }

  @Post('assessments/:id/findings')
  @Access('findings.record')
  @Page('assessment', 'assessment.title')
  recordFinding(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(RecordFindingForm) form: Posted<RecordFindingForm>,
  ) {
    return this.work.recordFinding(me, id, lang, form);
  }

  /** Issues the final gap report from the workspace. */
  @Post('assessments/:id/issue')
  @Access('reports.issue')
  @Page('assessment', 'assessment.title')
  issue(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.work.issue(me, id, lang);
  }

  @Get('findings/:id')
  @Access('units.read')
  @Page('finding', 'finding.title')
  finding(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.work.finding(me, id, lang);
  }

  @Post('findings/:id/corrective-action')
  @Access('findings.respond')
  @Page('finding', 'finding.title')
  plan(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(CorrectiveActionForm) form: Posted<CorrectiveActionForm>,
  ) {
    return this.work.plan(me, id, lang, form);
  }

  @Post('findings/:id/transition')
  @Authenticated()
  @Page('finding', 'finding.title')
  transition(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(TransitionForm) form: Posted<TransitionForm>,
  ) {
    return this.work.transition(me, id, lang, form);
  }
}
