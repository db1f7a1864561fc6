import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { CodeParam, IdParam } from '../common/params.js';
import type { Language } from '../i18n/i18n.js';
import { RequestLanguage } from '../common/request-language.js';
import {
  DiagnosticResponse,
  DiagnosticSummaryResponse,
  IndicatorRatingResponse,
} from '../openapi/diagnostics.responses.js';
import type {
  DiagnosticSummaryView,
  DiagnosticView,
  IndicatorRatingView,
} from './diagnostic-views.js';
import { CreateDiagnosticDto, RateIndicatorDto } from './diagnostics.dto.js';
import { DiagnosticsService } from './diagnostics.service.js';

@ApiTags('diagnostics')
@Controller('api')
export class DiagnosticsController {
  constructor(private readonly diagnostics: DiagnosticsService) {}

  @Get('organisations/:id/diagnostics')
  @Access('diagnostics.read')
  @ApiOperation({
    summary: "The organisation's ISO 18091 Annex A diagnostics, newest period first",
  })
  @ApiOkResponse({ type: [DiagnosticSummaryResponse] })
  list(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @RequestLanguage() lang: Language,
  ): Promise<DiagnosticSummaryView[]> {
    return this.diagnostics.list(me, id, lang);
  }

  @Post('organisations/:id/diagnostics')
  @HttpCode(201)
  @Access('diagnostics.manage')
  @ApiOperation({
    summary:
      'Open the diagnostic of a period (year) against the newest version of the catalogue; 409 when the period has one',
  })
  @ApiCreatedResponse({ type: DiagnosticResponse })
  create(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: CreateDiagnosticDto,
    @RequestLanguage() lang: Language,
  ): Promise<DiagnosticView> {
    return this.diagnostics.create(me, id, dto, lang);
  }

  @Get('diagnostics/:id')
  @Access('diagnostics.read')
  @ApiOperation({
    summary:
      'One diagnostic: every indicator with its rating, quadrant counts and the comparison with the previous period',
  })
  @ApiOkResponse({ type: DiagnosticResponse })
  get(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @RequestLanguage() lang: Language,
  ): Promise<DiagnosticView> {
    return this.diagnostics.get(me, id, lang);
  }

  @Put('diagnostics/:id/indicators/:code')
  @Access('diagnostics.rate')
  @ApiOperation({
    summary:
      'Rate one indicator red / yellow / green (null: not rated) with a note and evidence of the organisation’s units',
  })
  @ApiOkResponse({ type: IndicatorRatingResponse })
  rate(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @CodeParam() code: string,
    @Body() dto: RateIndicatorDto,
    @RequestLanguage() lang: Language,
  ): Promise<IndicatorRatingView> {
    return this.diagnostics.rate(me, id, code, dto, lang);
  }
}
