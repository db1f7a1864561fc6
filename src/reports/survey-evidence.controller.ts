import { Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import { RequestLanguage } from '../common/request-language.js';
import { ComplaintMetricsQuery } from '../complaints/complaints.dto.js';
import type { Language } from '../i18n/i18n.js';
import { EvidenceOutcomeResponse } from '../openapi/satisfaction.responses.js';
import type { EvidenceOutcome } from '../satisfaction/survey-evidence-port.js';
import { SurveyEvidenceService } from './survey-evidence.service.js';

@ApiTags('satisfaction')
@Controller('api')
export class SurveyEvidenceController {
  constructor(private readonly evidence: SurveyEvidenceService) {}

  @Post('satisfaction-surveys/:id/evidence')
  @HttpCode(201)
  @Access('satisfaction.import')
  @ApiOperation({
    summary:
      "Render the survey's report PDF and store it as evidence for 9.1.2 (submitted), or as the next version of the evidence made for it before; 503 when the PDF renderer is unavailable or busy",
  })
  @ApiCreatedResponse({ type: EvidenceOutcomeResponse })
  forSurvey(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @RequestLanguage() lang: Language,
  ): Promise<EvidenceOutcome> {
    return this.evidence.forSurvey(me, id, lang);
  }

  @Post('units/:id/complaints/evidence')
  @HttpCode(201)
  @Access('complaints.import')
  @ApiOperation({
    summary:
      "Render the period's complaint summary as a PDF and store it as evidence for 9.1.2 and 8.2.1 (submitted), or as the next version of the evidence made for that period before",
  })
  @ApiCreatedResponse({ type: EvidenceOutcomeResponse })
  forComplaints(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Query() query: ComplaintMetricsQuery,
    @RequestLanguage() lang: Language,
  ): Promise<EvidenceOutcome> {
    return this.evidence.forComplaints(me, id, query.period, lang);
  }
}
