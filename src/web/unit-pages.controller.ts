import { Controller, Get, Header, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { ReviewEvidenceDto, WithdrawEvidenceDto } from '../evidence/evidence.dto.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import {
  blankToNull,
  submitForm,
  validateForm,
  type FormBody,
  type FormError,
  Form,
} from './forms.js';
import { PageRenderer } from './page-renderer.js';
import { UnitPage } from './unit-page.js';
import { frameFor, type WebRequest } from './web-frame.js';

@ApiExcludeController()
@Controller()
export class UnitPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly unitPage: UnitPage,
    private readonly evidence: EvidenceService,
    @Inject(MUTU_CONFIG) private readonly config: MutuConfig,
  ) {}

  /** Every unit the caller may see, per organisation, with the readiness the dashboard shows. */
  @Get('units')
  @Access('units.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async unitList(@CurrentUser() me: Principal, @Req() req: WebRequest): Promise<string> {
    const frame = frameFor(req, 'units.title');
    return this.pages.render(
      'units',
      {
        organisations: await this.unitPage.readinessOfOrganisations(me),
        canDashboard: me.role === 'management' || me.role === 'admin',
      },
      frame,
    );
  }

  @Get('units/:id')
  @Access('units.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async unit(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
  ): Promise<string> {
    return this.renderUnit(me, id, req, null);
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
    await submitForm(
      req,
      res,
      async () =>
        `/evidence/${(await this.evidence.create(me, id, req)).id}?flash=evidence_uploaded`,
      (problem) => this.renderUnit(me, id, req, problem),
    );
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
    await submitForm(
      req,
      res,
      async () => {
        await this.evidence.addVersion(me, id, req);
        return `/evidence/${id}?flash=version_uploaded`;
      },
      async (problem) => this.render(me, req, await this.evidence.get(me, id), problem, null),
    );
  }

  @Post('evidence/:id/review')
  @Access('evidence.review')
  async review(
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
        const dto = validateForm(ReviewEvidenceDto, {
          decision: body.decision,
          ...(blankToNull(body.reason) ? { reason: body.reason } : {}),
        });
        await this.evidence.review(me, id, dto);
        return `/evidence/${id}?flash=evidence_reviewed`;
      },
      async (problem) =>
        this.render(me, req, await this.evidence.get(me, id), problem, {
          decision: body.decision ?? '',
          reason: body.reason ?? '',
        }),
    );
  }

  /** The officer withdraws an item that no longer holds (with a reason); it stays in the register. */
  @Post('evidence/:id/withdraw')
  @Access('evidence.submit')
  async withdraw(
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
        const dto = validateForm(WithdrawEvidenceDto, { reason: body.reason });
        await this.evidence.withdraw(me, id, dto);
        return `/evidence/${id}?flash=evidence_withdrawn`;
      },
      async (problem) => this.render(me, req, await this.evidence.get(me, id), problem, null),
    );
  }

  private async renderUnit(
    me: Principal,
    id: string,
    req: WebRequest,
    error: FormError | null,
  ): Promise<string> {
    const frame = frameFor(req, 'unit.title');
    const view = await this.unitPage.build(me, id, frame.lang);
    return this.pages.render(
      'unit',
      {
        ...view,
        canSubmit: me.role === 'quality_officer',
        uploadLimitMb: Math.floor(this.config.uploadLimitBytes / (1024 * 1024)),
        form: null,
        error,
      },
      { ...frame, title: view.unit.name },
    );
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
