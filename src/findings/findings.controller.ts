import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Authenticated } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import type { FindingDetailView, FindingView } from './finding-views.js';
import { CorrectiveActionDto, RecordFindingDto, TransitionDto } from './findings.dto.js';
import { FindingsService } from './findings.service.js';
import { FindingDetailResponse, FindingResponse } from '../openapi/findings.responses.js';

@ApiTags('findings')
@Controller('api')
export class FindingsController {
  constructor(private readonly findings: FindingsService) {}

  @Get('assessments/:id/findings')
  @Access('units.read')
  @ApiOperation({ summary: 'Findings of an assessment, by number' })
  @ApiOkResponse({ type: [FindingResponse] })
  list(@CurrentUser() me: Principal, @IdParam() id: string): Promise<FindingView[]> {
    return this.findings.list(me, id);
  }

  @Post('assessments/:id/findings')
  @Access('findings.record')
  @ApiOperation({ summary: 'Record a finding (an assessor assigned to the assessment)' })
  @ApiCreatedResponse({ type: FindingDetailResponse })
  record(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: RecordFindingDto,
  ): Promise<FindingDetailView> {
    return this.findings.record(me, id, dto);
  }

  @Get('findings/:id')
  @Access('units.read')
  @ApiOperation({ summary: 'One finding with its corrective action and the steps taken' })
  @ApiOkResponse({ type: FindingDetailResponse })
  get(@CurrentUser() me: Principal, @IdParam() id: string): Promise<FindingDetailView> {
    return this.findings.detail(me, id);
  }

  @Put('findings/:id/corrective-action')
  @Access('findings.respond')
  @ApiOperation({ summary: 'Write the corrective action of a nonconformity (officer of the unit)' })
  @ApiOkResponse({ type: FindingDetailResponse })
  plan(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: CorrectiveActionDto,
  ): Promise<FindingDetailView> {
    return this.findings.plan(me, id, dto);
  }

  /** Any signed-in user may ask; the life cycle decides (403 wrong role, 409 out of order, 422 incomplete). */
  @Post('findings/:id/transition')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({
    summary:
      'Move a finding along its life cycle: officers plan and implement, assessors verify, reopen and close',
  })
  @ApiOkResponse({ type: FindingDetailResponse })
  transition(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: TransitionDto,
  ): Promise<FindingDetailView> {
    return this.findings.transition(me, id, dto);
  }
}
