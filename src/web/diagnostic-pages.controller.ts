import { Controller, Get, Header, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { requestLanguage } from '../common/all-exceptions.filter.js';
import { CodeParam, IdParam } from '../common/params.js';
import { CreateDiagnosticDto, RateIndicatorDto } from '../diagnostics/diagnostics.dto.js';
import { DiagnosticsService } from '../diagnostics/diagnostics.service.js';
import { DiagnosticPage } from './diagnostic-page.js';
import { asList, Form, submitForm, validateForm, type FormBody, type FormError } from './forms.js';
import { PageRenderer } from './page-renderer.js';
import { frameFor, type WebRequest } from './web-frame.js';

/** A blank text clears the field (null); anything else goes to the validator as posted. */
const blankOrAsPosted = (v: string | string[] | undefined): string | string[] | null | undefined =>
  typeof v === 'string' && v.trim() === '' ? null : v;

/** The ISO 18091 Annex A diagnostic: periods, the traffic-light matrix, the rating form. */
@ApiExcludeController()
@Controller()
export class DiagnosticPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly page: DiagnosticPage,
    private readonly diagnostics: DiagnosticsService,
  ) {}

  @Get('organisations/:id/diagnostics')
  @Access('diagnostics.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  list(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
  ): Promise<string> {
    return this.renderList(me, id, req, null, {});
  }

  @Post('organisations/:id/diagnostics')
  @Access('diagnostics.manage')
  async create(
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
        // The year as a number for the validator; anything else goes to it as posted.
        const period =
          typeof body.period === 'string' && /^\d{1,4}$/.test(body.period)
            ? Number(body.period)
            : body.period;
        const dto = validateForm(CreateDiagnosticDto, { period } as unknown as FormBody);
        const d = await this.diagnostics.create(me, id, dto, requestLanguage(req));
        return `/diagnostics/${d.id}?flash=diagnostic_created`;
      },
      (problem) => this.renderList(me, id, req, problem, body),
      (refusal) => refusal.status,
    );
  }

  @Get('diagnostics/:id')
  @Access('diagnostics.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async matrix(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
  ): Promise<string> {
    const frame = frameFor(req, 'diagnostic.title');
    const view = await this.page.matrix(me, id, frame.lang);
    return this.pages.render('diagnostic', view, {
      ...frame,
      title: `${frame.title} ${view.diagnostic.period}`,
    });
  }

  @Get('diagnostics/:id/indicators/:code')
  @Access('diagnostics.rate')
  @Header('Content-Type', 'text/html; charset=utf-8')
  indicator(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @CodeParam() code: string,
    @Req() req: WebRequest,
  ): Promise<string> {
    return this.renderForm(me, id, code, req, null, null);
  }

  @Post('diagnostics/:id/indicators/:code')
  @Access('diagnostics.rate')
  async rate(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @CodeParam() code: string,
    @Form() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await submitForm(
      req,
      res,
      async () => {
        const fields = {
          rating: blankOrAsPosted(body.rating),
          note: blankOrAsPosted(body.note),
          evidenceIds: asList(body.evidenceIds),
        };
        const dto = validateForm(RateIndicatorDto, fields as FormBody);
        await this.diagnostics.rate(me, id, code, dto, requestLanguage(req));
        return `/diagnostics/${id}?flash=indicator_rated#indicator-${code}`;
      },
      (problem) => this.renderForm(me, id, code, req, problem, body),
      (refusal) => refusal.status,
    );
  }

  private async renderList(
    me: Principal,
    id: string,
    req: WebRequest,
    problem: FormError | null,
    body: FormBody,
  ) {
    const frame = frameFor(req, 'diagnostic.list_title');
    const view = await this.page.list(me, id, frame.lang, problem, body);
    return this.pages.render('diagnostics', view, frame);
  }

  private async renderForm(
    me: Principal,
    id: string,
    code: string,
    req: WebRequest,
    problem: FormError | null,
    body: FormBody | null,
  ) {
    const frame = frameFor(req, 'diagnostic.rate_title', { code });
    const view = await this.page.form(me, id, code, frame.lang, problem, body);
    return this.pages.render('diagnostic-indicator', view, frame);
  }
}
