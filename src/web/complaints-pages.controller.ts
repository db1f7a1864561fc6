import { Controller, Get, Header, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import { ComplaintFindings } from '../complaints/complaint-findings.js';
import { RaiseComplaintFindingInput } from '../complaints/complaints.dto.js';
import { requestLanguage } from '../common/all-exceptions.filter.js';
import { ComplaintsPage } from './complaints-page.js';
import { Form, submitForm, validateForm, type FormBody } from './forms.js';
import type { WebRequest } from './web-frame.js';

/** The unit's citizen complaints: metrics, trend and the log import with mapping confirmation. */
@ApiExcludeController()
@Controller()
export class ComplaintsPagesController {
  constructor(
    private readonly page: ComplaintsPage,
    private readonly raising: ComplaintFindings,
  ) {}

  @Get('units/:id/complaints')
  @Access('units.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  show(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
  ): Promise<string> {
    return this.page.show(me, id, req);
  }

  @Post('units/:id/complaints/import')
  @Access('complaints.import')
  submit(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    return this.page.submit(me, id, req, res);
  }

  /** One click from a recurring category to a finding in the current assessment. */
  @Post('units/:id/complaints/findings')
  @Access('findings.record')
  async raise(
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
        const input = validateForm(RaiseComplaintFindingInput, body);
        const finding = await this.raising.raise(me, id, input, requestLanguage(req));
        return `/findings/${finding.id}?flash=finding_raised`;
      },
      (problem) => this.page.show(me, id, req, null, problem.message),
    );
  }
}
