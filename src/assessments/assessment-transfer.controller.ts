import { Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { FileBody, type IncomingFile } from '../common/incoming-file.js';
import { IdParam } from '../common/params.js';
import type { Language } from '../i18n/i18n.js';
import { RequestLanguage } from '../common/request-language.js';
import {
  AssessmentTransferService,
  XLSX_TYPE,
  type Download,
  type ImportReport,
} from './assessment-transfer.service.js';
import { ExportQuery } from './assessments.dto.js';
import { ImportReportResponse } from '../openapi/assessments.responses.js';
import { ApiFileResponse } from '../openapi/file-response.js';

const download = (file: Download): StreamableFile =>
  new StreamableFile(file.body, {
    type: file.contentType,
    disposition: `attachment; filename="${file.fileName}"`,
    length: file.body.length,
  });

@ApiTags('assessments')
@Controller('api/assessments')
export class AssessmentTransferController {
  constructor(private readonly transfer: AssessmentTransferService) {}

  @Get(':id/export.csv')
  @Access('reports.read')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary:
      'Clause table as CSV (UTF-8 with BOM, semicolon-separated); ?part=findings for the findings',
  })
  @ApiFileResponse('The CSV file')
  async csv(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Query() query: ExportQuery,
    @RequestLanguage() lang: Language,
  ): Promise<StreamableFile> {
    return download(await this.transfer.csv(me, id, query.part ?? 'clauses', lang));
  }

  @Get(':id/export.xlsx')
  @Access('reports.read')
  @ApiProduces(XLSX_TYPE)
  @ApiOperation({ summary: 'Workbook: clause table (editable, importable) and findings' })
  @ApiFileResponse('The workbook')
  async xlsx(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Query() _query: ExportQuery,
    @RequestLanguage() lang: Language,
  ): Promise<StreamableFile> {
    return download(await this.transfer.xlsx(me, id, lang));
  }

  @Post(':id/import.xlsx')
  @HttpCode(200)
  @Access('assessments.rate')
  @ApiConsumes(XLSX_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' }, description: 'the .xlsx file, ≤ 5 MB' })
  @ApiOperation({
    summary:
      'Import ratings from an exported workbook, all or nothing: {applied, unchanged, refused: [{row, clause, reason, message}]}',
  })
  @ApiOkResponse({ type: ImportReportResponse })
  import(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @FileBody() file: IncomingFile,
  ): Promise<ImportReport> {
    return this.transfer.importXlsx(me, id, file);
  }
}
