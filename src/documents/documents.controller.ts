import { Body, Controller, Get, HttpCode, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import { FileQuery, VersionParam } from '../evidence/evidence.dto.js';
import { sendDownload } from '../evidence/file-download.js';
import { UploadBody, type IncomingUpload } from '../evidence/upload-intake.js';
import { DocumentDetailResponse, DocumentResponse } from '../openapi/documents.responses.js';
import { ApiFileResponse } from '../openapi/file-response.js';
import { UploadRoute } from '../openapi/upload-route.js';
import type { DocumentDetail, DocumentView } from './document-views.js';
import {
  CreateDocumentDto,
  DistributionDto,
  DocumentJudgementDto,
  PeriodicReviewDto,
  RevisionTransitionDto,
  UpdateDocumentDto,
  UpdateRevisionDto,
} from './documents.dto.js';
import { DocumentsService } from './documents.service.js';

@ApiTags('documents')
@Controller('api')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get('units/:id/documents')
  @Access('units.read')
  @ApiOperation({ summary: 'Controlled documents of a unit, by number (the master list)' })
  @ApiOkResponse({ type: [DocumentResponse] })
  list(@CurrentUser() me: Principal, @IdParam() id: string): Promise<DocumentView[]> {
    return this.documents.list(me, id);
  }

  @Post('units/:id/documents')
  @Access('documents.write')
  @ApiOperation({
    summary: "Register a document; its number comes from the unit's pattern when left out",
  })
  @ApiCreatedResponse({ type: DocumentDetailResponse })
  create(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: CreateDocumentDto,
  ): Promise<DocumentDetail> {
    return this.documents.create(me, id, dto);
  }

  @Get('documents/:id')
  @Access('units.read')
  @ApiOperation({ summary: 'One document with every revision and its distribution' })
  @ApiOkResponse({ type: DocumentDetailResponse })
  get(@CurrentUser() me: Principal, @IdParam() id: string): Promise<DocumentDetail> {
    return this.documents.get(me, id);
  }

  @Patch('documents/:id')
  @Access('documents.write')
  @ApiOperation({ summary: 'Change number, title, type, owner, clauses, review period' })
  @ApiOkResponse({ type: DocumentDetailResponse })
  update(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: UpdateDocumentDto,
  ): Promise<DocumentDetail> {
    return this.documents.update(me, id, dto);
  }

  @Post('documents/:id/revisions')
  @Access('documents.write')
  @UploadRoute({
    summary: 'A new draft revision: a file (streamed, hashed, type sniffed) and a summary',
    required: ['file', 'summary'],
    properties: {
      file: { type: 'string', format: 'binary' },
      summary: { type: 'string', maxLength: 2000 },
    },
    created: DocumentDetailResponse,
  })
  addRevision(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @UploadBody() upload: IncomingUpload,
  ): Promise<DocumentDetail> {
    return this.documents.addRevision(me, id, upload);
  }

  @Patch('documents/:id/revisions/:n')
  @Access('documents.write')
  @ApiOperation({
    summary: "Change a draft's summary; a revision past draft is fixed (make a new one)",
  })
  @ApiOkResponse({ type: DocumentDetailResponse })
  updateRevision(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @VersionParam() n: number,
    @Body() dto: UpdateRevisionDto,
  ): Promise<DocumentDetail> {
    return this.documents.updateRevision(me, id, n, dto);
  }

  @Post('documents/:id/revisions/:n/transition')
  @HttpCode(200)
  @Access('documents.write')
  @ApiOperation({
    summary:
      'Move a revision: in_review, draft (back from review), approved, effective, superseded, withdrawn; who may is in docs/DOCUMENT-CONTROL.md',
  })
  @ApiOkResponse({ type: DocumentDetailResponse })
  transition(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @VersionParam() n: number,
    @Body() dto: RevisionTransitionDto,
  ): Promise<DocumentDetail> {
    return this.documents.transition(me, id, n, dto);
  }

  @Get('documents/:id/revisions/:n/file')
  @Access('units.read')
  @ApiOperation({ summary: 'The bytes of one revision, as uploaded (ETag = SHA-256)' })
  @ApiProduces('application/octet-stream')
  @ApiFileResponse('The file (Range requests answer 206)')
  download(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @VersionParam() n: number,
    @Query() query: FileQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.documents
      .download(me, id, n)
      .then((file) => sendDownload(req, res, file, { inline: query.inline === true }));
  }

  @Post('documents/:id/revisions/:n/distribution')
  @HttpCode(200)
  @Access('documents.write')
  @ApiOperation({ summary: 'Name who must read the revision' })
  @ApiOkResponse({ type: DocumentDetailResponse })
  distribute(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @VersionParam() n: number,
    @Body() dto: DistributionDto,
  ): Promise<DocumentDetail> {
    return this.documents.distribute(me, id, n, dto);
  }

  @Post('documents/:id/revisions/:n/acknowledge')
  @HttpCode(200)
  @Access('units.read')
  @ApiOperation({ summary: 'Confirm having read a revision distributed to you ("sudah dibaca")' })
  @ApiOkResponse({ type: DocumentDetailResponse })
  acknowledge(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @VersionParam() n: number,
  ): Promise<DocumentDetail> {
    return this.documents.acknowledge(me, id, n);
  }

  @Post('documents/:id/review')
  @HttpCode(200)
  @Access('documents.approve')
  @ApiOperation({ summary: 'Periodic review: confirm the effective revision without a new file' })
  @ApiOkResponse({ type: DocumentDetailResponse })
  confirmReview(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: PeriodicReviewDto,
  ): Promise<DocumentDetail> {
    return this.documents.confirmReview(me, id, dto);
  }

  @Post('documents/:id/judgement')
  @HttpCode(200)
  @Access('documents.judge')
  @ApiOperation({
    summary: "An assessor's judgement as documented information: reject with a reason, or accept",
  })
  @ApiOkResponse({ type: DocumentDetailResponse })
  judge(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: DocumentJudgementDto,
  ): Promise<DocumentDetail> {
    return this.documents.judge(me, id, dto);
  }
}
