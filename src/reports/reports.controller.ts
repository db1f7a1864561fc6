import { Controller, Get, HttpCode, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { LanguageQuery } from '../assessments/assessments.dto.js';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import { sendDownload } from '../evidence/file-download.js';
import { contentDisposition } from '../evidence/file-name.js';
import type { Language } from '../i18n/i18n.js';
import { RequestLanguage } from '../common/request-language.js';
import { CSV_TYPE, XLSX_TYPE, type RegisterFile } from './register-file.js';
import { IssuedReportsService, type IssuedReportView } from './issued/issued-reports.service.js';
import { PDF_TYPE, ReportsService, type RenderedFile } from './reports.service.js';
import { IssuedReportResponse } from '../openapi/reports.responses.js';
import { ApiFileResponse } from '../openapi/file-response.js';

/** A file made for this request: shown in the browser (PDF) or saved (CSV, XLSX); never cached. */
const made = (file: RegisterFile): StreamableFile => {
  const disposition = contentDisposition(file.fileName);
  return new StreamableFile(file.body, {
    type: file.contentType,
    disposition:
      file.contentType === PDF_TYPE ? disposition.replace(/^attachment/, 'inline') : disposition,
    length: file.body.length,
  });
};

const matches = (header: string | undefined, etag: string): boolean =>
  header !== undefined && header.split(',').some((t) => t.trim() === etag || t.trim() === '*');

/**
 * A draft PDF with its strong ETag (the SHA-256 of its bytes): a client holding these very bytes
 * gets 304 without them. The draft is served again only while nothing it shows has changed, and
 * says in its footer when it was rendered and as of when its data is; Last-Modified says the same.
 */
const draftPdf = (req: Request, res: Response, file: RenderedFile): StreamableFile | undefined => {
  res.setHeader('ETag', file.etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('Last-Modified', file.renderedAt.toUTCString());
  res.setHeader('X-Report-Cache', file.cached ? 'hit' : 'miss');
  if (matches(req.headers['if-none-match'], file.etag)) {
    res.status(304);
    return undefined;
  }
  return made(file);
};

@ApiTags('reports')
@Controller('api')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly issued: IssuedReportsService,
  ) {}

  @Get('assessments/:id/report.pdf')
  @Access('reports.read')
  @ApiProduces(PDF_TYPE)
  @ApiOperation({
    summary: 'Draft gap report of an assessment, rendered now ("DRAF" watermark); ?lang=en',
  })
  @ApiFileResponse('The draft PDF')
  async draft(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Query() _q: LanguageQuery,
    @RequestLanguage() lang: Language,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile | undefined> {
    return draftPdf(req, res, await this.reports.draftGapReport(me, id, lang));
  }

  @Post('assessments/:id/reports')
  @HttpCode(201)
  @Access('reports.issue')
  @ApiOperation({
    summary:
      'Issue the gap report (an assessor assigned to the assessment): numbered, stored, the assessment becomes reported',
  })
  @ApiCreatedResponse({ type: IssuedReportResponse })
  issue(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Query() _q: LanguageQuery,
    @RequestLanguage() lang: Language,
  ): Promise<IssuedReportView> {
    return this.issued.issue(me, id, lang);
  }

  @Post('management-reviews/:id/minutes')
  @HttpCode(201)
  @Access('management_review.manage')
  @ApiOperation({
    summary:
      'Issue the minutes of a closed management review, signed off by its chair: numbered, SHA-256, frozen bytes (GET /api/reports/:id/file)',
  })
  @ApiCreatedResponse({ type: IssuedReportResponse })
  issueMinutes(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Query() _q: LanguageQuery,
    @RequestLanguage() lang: Language,
  ): Promise<IssuedReportView> {
    return this.issued.issueMinutes(me, id, lang);
  }

  @Get('management-reviews/:id/minutes')
  @Access('reports.read')
  @ApiOperation({ summary: 'Minutes issued for a management review, newest first' })
  @ApiOkResponse({ type: [IssuedReportResponse] })
  minutesFor(@CurrentUser() me: Principal, @IdParam() id: string): Promise<IssuedReportView[]> {
    return this.issued.forReview(me, id);
  }

  @Get('assessments/:id/reports')
  @Access('reports.read')
  @ApiOperation({ summary: 'Reports issued for an assessment, newest first' })
  @ApiOkResponse({ type: [IssuedReportResponse] })
  issuedFor(@CurrentUser() me: Principal, @IdParam() id: string): Promise<IssuedReportView[]> {
    return this.issued.forAssessment(me, id);
  }

  @Get('reports/:id')
  @Access('reports.read')
  @ApiOperation({
    summary: 'An issued report: number, SHA-256, size, pages, who issued it and when',
  })
  @ApiOkResponse({ type: IssuedReportResponse })
  get(@CurrentUser() me: Principal, @IdParam() id: string): Promise<IssuedReportView> {
    return this.issued.get(me, id);
  }

  @Get('reports/:id/file')
  @Access('reports.read')
  @ApiProduces(PDF_TYPE)
  @ApiOperation({ summary: 'The issued PDF, byte for byte as issued (ETag: its SHA-256)' })
  @ApiFileResponse('The issued PDF')
  async file(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return sendDownload(req, res, await this.issued.file(me, id));
  }

  @Get('organisations/:id/summary.pdf')
  @Access('reports.read')
  @ApiProduces(PDF_TYPE)
  @ApiOperation({
    summary: 'Management readiness summary of a local government, rendered now; ?lang=en',
  })
  @ApiFileResponse('The summary PDF')
  async summary(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Query() _q: LanguageQuery,
    @RequestLanguage() lang: Language,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile | undefined> {
    return draftPdf(req, res, await this.reports.summary(me, id, lang));
  }

  @Get('units/:id/evidence-register.pdf')
  @Access('reports.read')
  @ApiProduces(PDF_TYPE)
  @ApiOperation({
    summary:
      'Evidence register of a unit: every item with clause, version, SHA-256, review state, validity',
  })
  @ApiFileResponse('The register PDF')
  async registerPdf(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Query() _q: LanguageQuery,
    @RequestLanguage() lang: Language,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile | undefined> {
    return draftPdf(req, res, await this.reports.evidenceRegisterPdf(me, id, lang));
  }

  @Get('units/:id/evidence-register.csv')
  @Access('reports.read')
  @ApiProduces(CSV_TYPE)
  @ApiOperation({ summary: 'Evidence register as CSV (UTF-8 with BOM, semicolon-separated)' })
  @ApiFileResponse('The register CSV')
  async registerCsv(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Query() _q: LanguageQuery,
    @RequestLanguage() lang: Language,
  ): Promise<StreamableFile> {
    return made(await this.reports.evidenceRegister(me, id, 'csv', lang));
  }

  @Get('units/:id/evidence-register.xlsx')
  @Access('reports.read')
  @ApiProduces(XLSX_TYPE)
  @ApiOperation({ summary: 'Evidence register as an Excel workbook' })
  @ApiFileResponse('The register workbook')
  async registerXlsx(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Query() _q: LanguageQuery,
    @RequestLanguage() lang: Language,
  ): Promise<StreamableFile> {
    return made(await this.reports.evidenceRegister(me, id, 'xlsx', lang));
  }

  @Get('units/:id/document-register.pdf')
  @Access('reports.read')
  @ApiProduces(PDF_TYPE)
  @ApiOperation({
    summary:
      'Master list of controlled documents (Daftar Induk Dokumen); obsolete revisions stamped TIDAK BERLAKU',
  })
  @ApiFileResponse('The master list PDF')
  async documentRegisterPdf(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Query() _q: LanguageQuery,
    @RequestLanguage() lang: Language,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile | undefined> {
    return draftPdf(
      req,
      res,
      (await this.reports.documentRegister(me, id, 'pdf', lang)) as RenderedFile,
    );
  }

  @Get('units/:id/document-register.csv')
  @Access('reports.read')
  @ApiProduces(CSV_TYPE)
  @ApiOperation({ summary: 'Master list of documents as CSV (UTF-8 with BOM, semicolons)' })
  @ApiFileResponse('The master list CSV')
  async documentRegisterCsv(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Query() _q: LanguageQuery,
    @RequestLanguage() lang: Language,
  ): Promise<StreamableFile> {
    return made(await this.reports.documentRegister(me, id, 'csv', lang));
  }

  @Get('units/:id/document-register.xlsx')
  @Access('reports.read')
  @ApiProduces(XLSX_TYPE)
  @ApiOperation({ summary: 'Master list of documents as an Excel workbook' })
  @ApiFileResponse('The master list workbook')
  async documentRegisterXlsx(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Query() _q: LanguageQuery,
    @RequestLanguage() lang: Language,
  ): Promise<StreamableFile> {
    return made(await this.reports.documentRegister(me, id, 'xlsx', lang));
  }
}
