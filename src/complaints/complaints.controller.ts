import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { FileBody, type IncomingFile } from '../common/incoming-file.js';
import { IdParam } from '../common/params.js';
import type { Language } from '../i18n/i18n.js';
import { RequestLanguage } from '../common/request-language.js';
import {
  ComplaintImportResponse,
  ComplaintMetricsResponse,
  ComplaintSettingsResponse,
} from '../openapi/complaints.responses.js';
import { XLSX_TYPE } from '../satisfaction/survey-import.js';
import type { ComplaintMetricsView, ComplaintSettingsView } from './complaint-views.js';
import {
  ComplaintMetricsQuery,
  ComplaintSettingsInput,
  ComplaintSettingsQuery,
  ImportComplaintsQuery,
  RaiseComplaintFindingInput,
} from './complaints.dto.js';
import { ComplaintsService, type ComplaintImportResult } from './complaints.service.js';
import { ComplaintFindings } from './complaint-findings.js';
import type { FindingDetailView } from '../findings/finding-views.js';
import { FindingDetailResponse } from '../openapi/findings.responses.js';

@ApiTags('complaints')
@Controller('api')
export class ComplaintsController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly raising: ComplaintFindings,
  ) {}

  @Post('units/:id/complaints/import')
  @HttpCode(201)
  @Access('complaints.import')
  @ApiConsumes('text/csv', XLSX_TYPE)
  @ApiBody({
    schema: { type: 'string', format: 'binary' },
    description:
      'CSV or .xlsx, ≤ 5 MB: a header row and one complaint per row. Columns are mapped by the query (trackingId=…&received=…), else by the mapping saved for the source, else by the LAPOR!-style defaults (then confirm=1 is needed the first time). Columns of personal data (names, phone numbers, NIK, e-mail, addresses) are dropped unread.',
  })
  @ApiOperation({
    summary:
      'Import a complaint log, all or nothing; rows are matched by tracking id (re-import updates, never duplicates); ?dryRun=1 checks only',
  })
  @ApiCreatedResponse({ type: ComplaintImportResponse })
  import(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Query() query: ImportComplaintsQuery,
    @FileBody() file: IncomingFile,
    @RequestLanguage() lang: Language,
  ): Promise<ComplaintImportResult> {
    return this.complaints.import(me, id, query, file, lang);
  }

  @Get('units/:id/complaints/metrics')
  @Access('units.read')
  @ApiOperation({
    summary:
      'Complaint metrics of a period: volume by category and channel, median and p90 working days to first response and resolution, share within the limit, open, overdue, trend',
  })
  @ApiOkResponse({ type: ComplaintMetricsResponse })
  metrics(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Query() query: ComplaintMetricsQuery,
    @RequestLanguage() lang: Language,
  ): Promise<ComplaintMetricsView> {
    return this.complaints.metrics(me, id, query.period, lang);
  }

  @Get('organisations/:id/complaint-settings')
  @Access('organisations.read')
  @ApiOperation({
    summary:
      "Complaint service limits (working days), the organisation's own days off and the year's national holidays",
  })
  @ApiOkResponse({ type: ComplaintSettingsResponse })
  settings(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Query() query: ComplaintSettingsQuery,
  ): Promise<ComplaintSettingsView> {
    return this.complaints.settings(me, id, query.year);
  }

  @Put('organisations/:id/complaint-settings')
  @Access('complaints.configure')
  @ApiOperation({ summary: "Set the complaint service limits and the organisation's own days off" })
  @ApiOkResponse({ type: ComplaintSettingsResponse })
  updateSettings(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() input: ComplaintSettingsInput,
  ): Promise<ComplaintSettingsView> {
    return this.complaints.updateSettings(me, id, input);
  }

  @Post('units/:id/complaints/findings')
  @HttpCode(201)
  @Access('findings.record')
  @ApiOperation({
    summary:
      "Raise a finding (8.2.1, 9.1.2 or 10.2.1) in the unit's current assessment from a complaint or a recurring category, linked to it",
  })
  @ApiCreatedResponse({ type: FindingDetailResponse })
  raiseFinding(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() input: RaiseComplaintFindingInput,
    @RequestLanguage() lang: Language,
  ): Promise<FindingDetailView> {
    return this.raising.raise(me, id, input, lang);
  }
}
