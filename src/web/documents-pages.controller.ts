import { Controller, Get, Header, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { NotFound } from '../common/domain-error.js';
import { IdParam } from '../common/params.js';
import {
  CreateDocumentDto,
  DocumentJudgementDto,
  PeriodicReviewDto,
  RevisionTransitionDto,
} from '../documents/documents.dto.js';
import { DocumentsService } from '../documents/documents.service.js';
import { validateFields, VersionParam } from '../evidence/evidence.dto.js';
import { incomingUpload } from '../evidence/upload-intake.js';
import { requestLanguage } from '../common/all-exceptions.filter.js';
import { DocumentsPage } from './documents-page.js';
import { blankToNull, Form, submitForm, type FormBody } from './forms.js';
import { PageRenderer } from './page-renderer.js';
import { frameFor, type WebRequest } from './web-frame.js';

const numberOrText = (v: unknown): unknown =>
  typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;

/** Controlled documents: the master list of a unit, one document with its revisions, a preview. */
@ApiExcludeController()
@Controller()
export class DocumentsPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly page: DocumentsPage,
    private readonly documents: DocumentsService,
  ) {}

  @Get('units/:id/documents')
  @Access('units.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async register(@CurrentUser() me: Principal, @IdParam() id: string, @Req() req: WebRequest) {
    const view = await this.page.register(me, id, requestLanguage(req), null);
    return this.pages.render(
      'documents',
      view,
      frameFor(req, 'documents.page_title', { unit: view.unit.name }),
    );
  }

  @Post('units/:id/documents')
  @Access('documents.write')
  async create(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Form() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    const fields = {
      ...(blankToNull(body.number) ? { number: body.number } : {}),
      title: body.title,
      type: body.type,
      clauses: body.clauses,
      reviewMonths: numberOrText(body.reviewMonths),
      ...(blankToNull(body.owner) ? { owner: body.owner } : {}),
      ...(body.confidentiality ? { confidentiality: body.confidentiality } : {}),
    };
    await submitForm(
      req,
      res,
      async () =>
        `/documents/${(await this.documents.create(me, id, await validateFields(CreateDocumentDto, fields))).id}?flash=document_saved`,
      async (problem) => {
        const view = await this.page.register(me, id, requestLanguage(req), problem, body);
        return this.pages.render(
          'documents',
          view,
          frameFor(req, 'documents.page_title', { unit: view.unit.name }),
        );
      },
    );
  }

  @Get('documents/:id')
  @Access('units.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async document(@CurrentUser() me: Principal, @IdParam() id: string, @Req() req: WebRequest) {
    return this.renderDocument(me, id, req, null);
  }

  @Post('documents/:id/revisions')
  @Access('documents.write')
  async addRevision(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await this.submit(me, id, req, res, () =>
      this.documents.addRevision(me, id, incomingUpload(req)),
    );
  }

  @Post('documents/:id/revisions/:n/transition')
  @Access('documents.write')
  async transition(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @VersionParam() n: number,
    @Form() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await this.submit(me, id, req, res, async () =>
      this.documents.transition(
        me,
        id,
        n,
        await validateFields(RevisionTransitionDto, { to: body.to, note: blankToNull(body.note) }),
      ),
    );
  }

  @Post('documents/:id/revisions/:n/acknowledge')
  @Access('units.read')
  async acknowledge(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @VersionParam() n: number,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await this.submit(me, id, req, res, () => this.documents.acknowledge(me, id, n));
  }

  @Post('documents/:id/review')
  @Access('documents.approve')
  async review(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Form() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await this.submit(me, id, req, res, async () =>
      this.documents.confirmReview(
        me,
        id,
        await validateFields(PeriodicReviewDto, { note: blankToNull(body.note) }),
      ),
    );
  }

  @Post('documents/:id/judgement')
  @Access('documents.judge')
  async judge(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Form() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await this.submit(me, id, req, res, async () =>
      this.documents.judge(
        me,
        id,
        await validateFields(DocumentJudgementDto, {
          decision: body.decision,
          reason: blankToNull(body.reason),
        }),
      ),
    );
  }

  @Get('documents/:id/revisions/:n/preview')
  @Access('units.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async preview(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @VersionParam() n: number,
    @Req() req: WebRequest,
  ): Promise<string> {
    const view = await this.page.preview(me, id, n);
    if (!view.revision) throw new NotFound('document', id);
    return this.pages.render(
      'document-preview',
      view,
      frameFor(req, 'documents.preview_title', { number: view.doc.number, revision: n }),
    );
  }

  private async renderDocument(
    me: Principal,
    id: string,
    req: WebRequest,
    problem: Parameters<DocumentsPage['document']>[3],
  ) {
    const view = await this.page.document(me, id, requestLanguage(req), problem);
    return this.pages.render(
      'document',
      view,
      frameFor(req, 'documents.document_title', { number: view.doc.number }),
    );
  }

  /** A step on one document; back to its page, or the page again with the refusal. */
  private submit(
    me: Principal,
    id: string,
    req: WebRequest,
    res: Response,
    action: () => Promise<unknown>,
  ): Promise<void> {
    return submitForm(
      req,
      res,
      async () => {
        await action();
        return `/documents/${id}?flash=document_saved`;
      },
      (problem) => this.renderDocument(me, id, req, problem),
      (refusal) => (refusal.status >= 400 && refusal.status < 500 ? refusal.status : 400),
    );
  }
}
