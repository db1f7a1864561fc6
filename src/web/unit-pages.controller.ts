import { Body, Controller, Get, Header, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import { ReviewEvidenceDto } from '../evidence/evidence.dto.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import { blankToNull, formError, validateForm, type FormBody } from './forms.js';
import { PageRenderer } from './page-renderer.js';
import { UnitPage } from './unit-page.js';
import { frameFor, type WebRequest } from './web-frame.js';

const html = (res: Response, status: number, body: string): void =>
  void res.status(status).type('html').send(body);

@ApiExcludeController()
@Controller()
export class UnitPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly unitPage: UnitPage,
    private readonly evidence: EvidenceService,
  ) {}

  @Get('units/:id')
  @Access('units.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async unit(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
  ): Promise<string> {
    const frame = frameFor(req, 'unit.title');
    const view = await this.unitPage.build(me, id, frame.lang);
    return this.pages.render(
      'unit',
      { ...view, canSubmit: me.role === 'quality_officer', form: null, error: null },
      { ...frame, title: view.unit.name },
    );
  }

  /** Upload from the unit page: the same streamed, checked upload as the API. */
  @Post('units/:id/evidence')
  @Access('evidence.submit')
  async upload(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    const frame = frameFor(req, 'unit.title');
    try {
      const created = await this.evidence.create(me, id, req);
      res.redirect(303, `/evidence/${created.id}?flash=evidence_uploaded`);
    } catch (error) {
      const problem = formError(error, frame.lang);
      const view = await this.unitPage.build(me, id, frame.lang);
      html(
        res,
        400,
        this.pages.render(
          'unit',
          { ...view, canSubmit: true, form: null, error: problem },
          { ...frame, title: view.unit.name },
        ),
      );
    }
  }

  @Get('evidence/:id')
  @Access('units.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async evidenceItem(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
  ): Promise<string> {
    const item = await this.evidence.get(me, id);
    return this.render(me, req, item, null, null);
  }

  @Post('evidence/:id/versions')
  @Access('evidence.submit')
  async newVersion(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    try {
      await this.evidence.addVersion(me, id, req);
      res.redirect(303, `/evidence/${id}?flash=version_uploaded`);
    } catch (error) {
      const item = await this.evidence.get(me, id);
      html(
        res,
        400,
        this.render(me, req, item, formError(error, frameFor(req, 'evidence.title').lang), null),
      );
    }
  }

  @Post('evidence/:id/review')
  @Access('evidence.review')
  async review(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    try {
      const dto = validateForm(ReviewEvidenceDto, {
        decision: body.decision,
        ...(blankToNull(body.reason) ? { reason: body.reason } : {}),
      });
      await this.evidence.review(me, id, dto);
      res.redirect(303, `/evidence/${id}?flash=evidence_reviewed`);
    } catch (error) {
      const item = await this.evidence.get(me, id);
      html(
        res,
        400,
        this.render(me, req, item, formError(error, frameFor(req, 'evidence.title').lang), {
          decision: body.decision ?? '',
          reason: body.reason ?? '',
        }),
      );
    }
  }

  private render(
    me: Principal,
    req: WebRequest,
    item: Awaited<ReturnType<EvidenceService['get']>>,
    error: unknown,
    form: { decision: unknown; reason: unknown } | null,
  ): string {
    const frame = frameFor(req, 'evidence.title');
    const latest = item.latestVersion;
    const preview =
      latest && (latest.mediaType === 'application/pdf' || latest.mediaType.startsWith('image/'))
        ? { url: `${latest.downloadUrl}?inline=1`, pdf: latest.mediaType === 'application/pdf' }
        : null;
    return this.pages.render(
      'evidence',
      {
        item,
        preview,
        canReview: me.role === 'assessor' && !item.withdrawnAt,
        canAddVersion: me.role === 'quality_officer' && !item.withdrawnAt,
        error,
        form: form ?? { decision: '', reason: '' },
      },
      { ...frame, title: item.title },
    );
  }
}
