import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
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
import { ImportSurveyQuery } from './satisfaction.dto.js';
import { SatisfactionService, type ImportResult } from './satisfaction.service.js';
import { SurveyFindings } from './survey-findings.js';
import type { FindingDetailView } from '../findings/finding-views.js';
import { FindingDetailResponse } from '../openapi/findings.responses.js';
import { XLSX_TYPE } from './survey-import.js';
import type { SurveySummary, SurveyView } from './survey-views.js';
import {
  SurveyImportResponse,
  SurveyResponse,
  SurveySummaryResponse,
} from '../openapi/satisfaction.responses.js';

@ApiTags('satisfaction')
@Controller('api')
export class SatisfactionController {
  constructor(
    private readonly surveys: SatisfactionService,
    private readonly raising: SurveyFindings,
  ) {}

  @Post('units/:id/satisfaction-surveys')
  @HttpCode(201)
  @Access('satisfaction.import')
  @ApiConsumes('text/csv', XLSX_TYPE)
  @ApiBody({
    schema: { type: 'string', format: 'binary' },
    description:
      'CSV or .xlsx, ≤ 5 MB. Questionnaires: a header naming the nine elements (any order) and one row per respondent with answers 1–4, optional columns Layanan, Jenis kelamin, Usia, Pendidikan, Pekerjaan. Aggregates: columns "Unsur;NRR", one row per element, a row "Jumlah responden;N" and optionally "IKM;87,28".',
  })
  @ApiOperation({
    summary:
      'Import a public satisfaction survey (SKM) for a period, all or nothing; 201 with the computed IKM (?dryRun=1 validates only, ?replace=1 replaces)',
  })
  @ApiCreatedResponse({ type: SurveyImportResponse })
  import(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Query() query: ImportSurveyQuery,
    @FileBody() file: IncomingFile,
    @RequestLanguage() lang: Language,
  ): Promise<ImportResult> {
    return this.surveys.import(me, id, query, file, lang);
  }

  @Get('units/:id/satisfaction-surveys')
  @Access('units.read')
  @ApiOperation({ summary: "The unit's surveys, newest period first" })
  @ApiOkResponse({ type: [SurveySummaryResponse] })
  list(@CurrentUser() me: Principal, @IdParam() id: string): Promise<SurveySummary[]> {
    return this.surveys.list(me, id);
  }

  @Get('satisfaction-surveys/:id')
  @Access('units.read')
  @ApiOperation({
    summary:
      'One survey: {period, respondents, elements: [{code, name, nrr}], ikm, grade, byService}',
  })
  @ApiOkResponse({ type: SurveyResponse })
  get(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @RequestLanguage() lang: Language,
  ): Promise<SurveyView> {
    return this.surveys.get(me, id, lang);
  }

  @Post('satisfaction-surveys/:id/findings')
  @HttpCode(201)
  @Access('findings.record')
  @ApiOperation({
    summary:
      "Create the opportunity for improvement (9.1.2) the survey's lowest elements suggest, in the unit's current assessment, linked to the survey",
  })
  @ApiCreatedResponse({ type: FindingDetailResponse })
  raiseFinding(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @RequestLanguage() lang: Language,
  ): Promise<FindingDetailView> {
    return this.raising.raise(me, id, lang);
  }
}
