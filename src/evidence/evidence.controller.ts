import { Body, Controller, Get, HttpCode, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import type { Page } from '../common/pagination.js';
import { IdParam } from '../common/params.js';
import {
  EvidenceListQuery,
  FileQuery,
  ReviewEvidenceDto,
  UpdateEvidenceDto,
  VersionParam,
  WithdrawEvidenceDto,
} from './evidence.dto.js';
import { EvidenceService, type EvidenceDetail, type EvidenceView } from './evidence.service.js';
import { sendDownload } from './file-download.js';
import { UploadBody, type IncomingUpload } from './upload-intake.js';
import { EvidenceDetailResponse, EvidencePageResponse } from '../openapi/evidence.responses.js';
import { ApiFileResponse } from '../openapi/file-response.js';
import { UploadRoute } from '../openapi/upload-route.js';

const FILE = {
  type: 'string',
  format: 'binary',
  description: 'one file; its type is sniffed',
} as const;

@ApiTags('evidence')
@Controller('api')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Get('units/:id/evidence')
  @Access('units.read')
  @ApiOperation({
    summary: 'Evidence of a unit; filters clause, status, expired, withdrawn, q; paginated',
  })
  @ApiOkResponse({ type: EvidencePageResponse })
  list(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Query() query: EvidenceListQuery,
  ): Promise<Page<EvidenceView>> {
    return this.evidence.list(me, id, query);
  }

  @Post('units/:id/evidence')
  @Access('evidence.submit')
  @UploadRoute({
    summary:
      'Log evidence for leaf clauses of the unit: a file (streamed, hashed, type sniffed) or a reference to a physical document',
    json: true,
    required: ['title', 'clauses'],
    properties: {
      file: FILE,
      title: { type: 'string', maxLength: 300 },
      description: { type: 'string', maxLength: 5000 },
      clauses: { type: 'string', example: '4.3,5.2.1', description: 'or a repeated field' },
      validUntil: { type: 'string', format: 'date' },
      reference: { type: 'string', maxLength: 500, description: 'required without a file' },
    },
    created: EvidenceDetailResponse,
  })
  create(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @UploadBody() upload: IncomingUpload,
  ): Promise<EvidenceDetail> {
    return this.evidence.create(me, id, upload);
  }

  @Get('evidence/:id')
  @Access('units.read')
  @ApiOperation({ summary: 'One evidence item with its clauses and every version' })
  @ApiOkResponse({ type: EvidenceDetailResponse })
  get(@CurrentUser() me: Principal, @IdParam() id: string): Promise<EvidenceDetail> {
    return this.evidence.get(me, id);
  }

  @Patch('evidence/:id')
  @Access('evidence.submit')
  @ApiOperation({
    summary:
      'Change title, description, clauses, validity or reference; a changed claim goes back to review',
  })
  @ApiOkResponse({ type: EvidenceDetailResponse })
  update(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: UpdateEvidenceDto,
  ): Promise<EvidenceDetail> {
    return this.evidence.update(me, id, dto);
  }

  @Post('evidence/:id/versions')
  @Access('evidence.submit')
  @UploadRoute({
    summary: 'Upload a new version of the file; the item goes back to review',
    required: ['file'],
    properties: { file: FILE },
    created: EvidenceDetailResponse,
  })
  addVersion(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @UploadBody() upload: IncomingUpload,
  ): Promise<EvidenceDetail> {
    return this.evidence.addVersion(me, id, upload);
  }

  @Get('evidence/:id/versions/:n/file')
  @Access('units.read')
  @ApiOperation({
    summary:
      'The bytes of one version, as uploaded (ETag = SHA-256); inline=1 shows a PDF or an image in place',
  })
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
    return this.evidence
      .download(me, id, n)
      .then((file) => sendDownload(req, res, file, { inline: query.inline === true }));
  }

  @Post('evidence/:id/review')
  @HttpCode(200)
  @Access('evidence.review')
  @ApiOperation({ summary: 'Accept, or reject with a reason the officer sees' })
  @ApiOkResponse({ type: EvidenceDetailResponse })
  review(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: ReviewEvidenceDto,
  ): Promise<EvidenceDetail> {
    return this.evidence.review(me, id, dto);
  }

  @Post('evidence/:id/withdraw')
  @HttpCode(200)
  @Access('evidence.submit')
  @ApiOperation({ summary: 'Withdraw (never delete) with a reason; it no longer counts' })
  @ApiOkResponse({ type: EvidenceDetailResponse })
  withdraw(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: WithdrawEvidenceDto,
  ): Promise<EvidenceDetail> {
    return this.evidence.withdraw(me, id, dto);
  }
}
