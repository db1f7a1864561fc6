import { Controller, Get, Header, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { RateClauseDto } from '../assessments/assessments.dto.js';
import { RatingsService } from '../assessments/ratings.service.js';
import { Access, Authenticated } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { requestLanguage } from '../common/all-exceptions.filter.js';
import { IdParam } from '../common/params.js';
import { CorrectiveActionDto, RecordFindingDto, TransitionDto } from '../findings/findings.dto.js';
import { FindingsService } from '../findings/findings.service.js';
import { IssuedReportsService } from '../reports/issued-reports.service.js';
import { DashboardPage } from './dashboard-page.js';
import {
  blankToNull,
  fieldErrors,
  submitForm,
  validateForm,
  type FormBody,
  type FormError,
  Form,
} from './forms.js';
import { PageRenderer } from './page-renderer.js';
import { frameFor, type WebRequest } from './web-frame.js';
import { WorkPage } from './work-page.js';

/** Assessor and officer work pages: the assessment workspace, findings and the dashboard. */
@ApiExcludeController()
@Controller()
export class WorkPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly work: WorkPage,
    private readonly dashboard: DashboardPage,
    private readonly ratings: RatingsService,
    private readonly findings: FindingsService,
    private readonly issuedReports: IssuedReportsService,
  ) {}

  @Get('organisations/:id')
  @Access('organisations.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async organisation(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
  ): Promise<string> {
    const frame = frameFor(req, 'dashboard.title');
    const view = await this.dashboard.build(me, id, frame.lang);
    return this.pages.render('dashboard', view, { ...frame, title: view.org.name });
  }

  @Get('assessments/:id')
  @Access('units.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async assessment(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
  ): Promise<string> {
    return this.renderAssessment(me, id, req, null, null);
  }

  @Post('assessments/:id/clauses/:number')
  @Access('assessments.rate')
  async rate(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Param('number') number: string,
    @Form() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await submitForm(
      req,
      res,
      async () => {
        const applicable = body.applicable !== 'no';
        const dto = validateForm(RateClauseDto, {
          applicable: applicable as unknown as string,
          ...(applicable ? { rating: body.rating } : {}),
          note: blankToNull(body.note) ?? undefined,
          justification: blankToNull(body.justification) ?? undefined,
        });
        await this.ratings.rate(me, id, number, dto);
        return `/assessments/${id}?flash=clause_rated#clause-${number}`;
      },
      (problem) => this.renderAssessment(me, id, req, problem, { kind: 'rating', number, ...body }),
    );
  }

  @Post('assessments/:id/findings')
  @Access('findings.record')
  async recordFinding(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Form() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await submitForm(
      req,
      res,
      async () => {
        const dto = validateForm(RecordFindingDto, {
          clause: body.clause,
          grade: body.grade,
          statement: body.statement,
          objectiveEvidence: blankToNull(body.objectiveEvidence) ?? undefined,
        });
        const finding = await this.findings.record(me, id, dto);
        return `/findings/${finding.id}?flash=finding_recorded`;
      },
      (problem) => this.renderAssessment(me, id, req, problem, { kind: 'finding', ...body }),
    );
  }

  /** Issues the final gap report from the workspace; a refusal (not assigned, already reported) shows on the page. */
  @Post('assessments/:id/issue')
  @Access('reports.issue')
  async issue(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    const lang = requestLanguage(req);
    await submitForm(
      req,
      res,
      async () => {
        await this.issuedReports.issue(me, id, lang);
        return `/assessments/${id}?flash=report_issued`;
      },
      (problem) => this.renderAssessment(me, id, req, problem, null),
      (refusal) => refusal.status,
    );
  }

  @Get('findings/:id')
  @Access('units.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async finding(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
  ): Promise<string> {
    return this.renderFinding(me, id, req, null, null);
  }

  @Post('findings/:id/corrective-action')
  @Access('findings.respond')
  async plan(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Form() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await submitForm(
      req,
      res,
      async () => {
        const dto = validateForm(CorrectiveActionDto, {
          correction: body.correction,
          rootCause: body.rootCause,
          action: body.action,
          owner: body.owner,
          dueOn: blankToNull(body.dueOn) ?? undefined,
        });
        await this.findings.plan(me, id, dto);
        return `/findings/${id}?flash=action_saved`;
      },
      (problem) => this.renderFinding(me, id, req, problem, body),
    );
  }

  @Post('findings/:id/transition')
  @Authenticated()
  async transition(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Form() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await submitForm(
      req,
      res,
      async () => {
        const dto = validateForm(TransitionDto, {
          to: body.to,
          note: blankToNull(body.note) ?? undefined,
        });
        await this.findings.transition(me, id, dto);
        return `/findings/${id}?flash=finding_moved`;
      },
      (problem) => this.renderFinding(me, id, req, problem, body),
    );
  }

  private async renderAssessment(
    me: Principal,
    id: string,
    req: WebRequest,
    error: FormError | null,
    form: FormBody | null,
  ): Promise<string> {
    const frame = frameFor(req, 'assessment.title');
    const view = await this.work.assessment(me, id, frame.lang);
    return this.pages.render(
      'assessment',
      {
        ...view,
        error,
        errors: fieldErrors(['clause', 'statement'], error),
        form: { clause: '', grade: '', statement: '', objectiveEvidence: '', ...form },
      },
      { ...frame, title: view.assessment.title },
    );
  }

  private async renderFinding(
    me: Principal,
    id: string,
    req: WebRequest,
    error: FormError | null,
    form: FormBody | null,
  ): Promise<string> {
    const frame = frameFor(req, 'finding.title');
    const view = await this.work.finding(me, id, frame.lang);
    return this.pages.render(
      'finding',
      {
        ...view,
        error,
        errors: fieldErrors(['correction', 'rootCause', 'action', 'owner', 'dueOn'], error),
        form: { correction: '', rootCause: '', action: '', owner: '', dueOn: '', ...form },
      },
      { ...frame, title: `${view.finding.reference} · ${view.finding.clause.number}` },
    );
  }
}
