import { Controller, Get, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import {
  DocumentJudgementDto,
  PeriodicReviewDto,
  RevisionTransitionDto,
} from '../documents/documents.dto.js';
import { DocumentsService } from '../documents/documents.service.js';
import { VersionParam } from '../evidence/evidence.dto.js';
import { UploadBody, type IncomingUpload } from '../evidence/upload-intake.js';
import type { Language } from '../i18n/i18n.js';
import { CreateDocumentForm } from './documents-forms.js';
import { DocumentsPage } from './documents-page.js';
import { Form, type Posted } from './forms.js';
import { Lang, Page } from './page.js';

/** Controlled documents: the master list of a unit, one document with its revisions, a preview. */
@ApiExcludeController()
@Controller()
export class DocumentsPagesController {
  constructor(
    private readonly page: DocumentsPage,
    private readonly documents: DocumentsService,
  ) {}

  @Get('units/:id/documents')
  @Access('units.read')
  @Page('documents', 'documents.page_title')
  register(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.page.register(me, id, lang);
  }

  @Post('units/:id/documents')
  @Access('documents.write')
  @Page('documents', 'documents.page_title')
  create(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(CreateDocumentForm) form: Posted<CreateDocumentForm>,
  ) {
    return this.page.create(me, id, lang, form);
  }

  @Get('documents/:id')
  @Access('units.read')
  @Page('document', 'documents.document_title')
  document(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.page.document(me, id, lang);
  }

  @Post('documents/:id/revisions')
  @Access('documents.write')
  @Page('document', 'documents.document_title')
  addRevision(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @UploadBody() upload: IncomingUpload,
  ) {
    return this.page.step(me, id, lang, () => this.documents.addRevision(me, id, upload));
  }

  @Post('documents/:id/revisions/:n/transition')
  @Access('documents.write')
  @Page('document', 'documents.document_title')
  transition(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @VersionParam() n: number,
    @Lang() lang: Language,
    @Form(RevisionTransitionDto) form: Posted<RevisionTransitionDto>,
  ) {
    return this.page.transition(me, id, n, lang, form);
  }

  @Post('documents/:id/revisions/:n/acknowledge')
  @Access('units.read')
  @Page('document', 'documents.document_title')
  acknowledge(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @VersionParam() n: number,
    @Lang() lang: Language,
  ) {
    return this.page.acknowledge(me, id, n, lang);
  }

  @Post('documents/:id/review')
  @Access('documents.approve')
  @Page('document', 'documents.document_title')
  review(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(PeriodicReviewDto) form: Posted<PeriodicReviewDto>,
  ) {
    return this.page.review(me, id, lang, form);
  }

  @Post('documents/:id/judgement')
  @Access('documents.judge')
  @Page('document', 'documents.document_title')
  judge(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(DocumentJudgementDto) form: Posted<DocumentJudgementDto>,
  ) {
    return this.page.judge(me, id, lang, form);
  }

  @Get('documents/:id/revisions/:n/preview')
  @Access('units.read')
  @Page('document-preview', 'documents.preview_title')
  preview(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @VersionParam() n: number,
    @Lang() lang: Language,
  ) {
    return this.page.preview(me, id, n, lang);
  }
}
