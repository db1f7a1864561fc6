import { Body, Controller, Get, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import type {
  AssessmentDetailView,
  AssessmentSummaryView,
  ClauseRatingView,
} from './assessment-views.js';
import { CreateAssessmentDto, RateClauseDto, UpdateAssessmentDto } from './assessments.dto.js';
import { AssessmentsService } from './assessments.service.js';
import { ClauseNumberParam } from './clause-number.param.js';
import { RatingsService } from './ratings.service.js';
import {
  AssessmentDetailResponse,
  AssessmentSummaryResponse,
  ClauseRatingResponse,
} from '../openapi/assessments.responses.js';

@ApiTags('assessments')
@Controller('api')
export class AssessmentsController {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly ratings: RatingsService,
  ) {}

  @Get('units/:id/assessments')
  @Access('units.read')
  @ApiOperation({ summary: 'Assessment cycles of a unit, most recent (current) first' })
  @ApiOkResponse({ type: [AssessmentSummaryResponse] })
  list(@CurrentUser() me: Principal, @IdParam() id: string): Promise<AssessmentSummaryView[]> {
    return this.assessments.list(me, id);
  }

  @Post('units/:id/assessments')
  @Access('assessments.manage')
  @ApiOperation({
    summary:
      'Start a cycle: a row per leaf clause, not assessed, or copied from previousAssessmentId',
  })
  @ApiCreatedResponse({ type: AssessmentDetailResponse })
  create(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: CreateAssessmentDto,
  ): Promise<AssessmentDetailView> {
    return this.assessments.create(me, id, dto);
  }

  @Get('assessments/:id')
  @Access('units.read')
  @ApiOperation({ summary: 'One assessment with every clause rating and summary counts' })
  @ApiOkResponse({ type: AssessmentDetailResponse })
  get(@CurrentUser() me: Principal, @IdParam() id: string): Promise<AssessmentDetailView> {
    return this.assessments.detail(me, id);
  }

  @Patch('assessments/:id')
  @Access('assessments.manage')
  @ApiOperation({ summary: 'Start (draft → in_progress), rename, rescope, reassign assessors' })
  @ApiOkResponse({ type: AssessmentDetailResponse })
  update(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: UpdateAssessmentDto,
  ): Promise<AssessmentDetailView> {
    return this.assessments.update(me, id, dto);
  }

  @Put('assessments/:id/clauses/:number')
  @Access('assessments.rate')
  @ApiOperation({ summary: 'Rate a leaf clause (an assessor assigned to the assessment)' })
  @ApiOkResponse({ type: ClauseRatingResponse })
  rate(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @ClauseNumberParam() number: string,
    @Body() dto: RateClauseDto,
  ): Promise<ClauseRatingView> {
    return this.ratings.rate(me, id, number, dto);
  }
}
