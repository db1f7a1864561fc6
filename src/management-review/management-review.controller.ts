import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import type { Language } from '../i18n/i18n.js';
import { RequestLanguage } from '../common/request-language.js';
import {
  ManagementReviewResponse,
  ManagementReviewSummaryResponse,
  ReviewDecisionResponse,
} from '../openapi/management-review.responses.js';
import {
  CompleteActionDto,
  CreateDecisionDto,
  CreateReviewDto,
  UpdateReviewDto,
} from './management-review.dto.js';
import { ManagementReviewService } from './management-review.service.js';
import type { DecisionView, ReviewSummaryView, ReviewView } from './review-views.js';

@ApiTags('management-review')
@Controller('api')
export class ManagementReviewController {
  constructor(private readonly reviews: ManagementReviewService) {}

  @Get('units/:id/management-reviews')
  @Access('units.read')
  @ApiOperation({ summary: "The unit's management reviews, most recent first" })
  @ApiOkResponse({ type: [ManagementReviewSummaryResponse] })
  list(@CurrentUser() me: Principal, @IdParam() id: string): Promise<ReviewSummaryView[]> {
    return this.reviews.list(me, id);
  }

  @Post('units/:id/management-reviews')
  @Access('management_review.manage')
  @ApiOperation({ summary: 'Record a management review (draft): date, chair, attendees' })
  @ApiCreatedResponse({ type: ManagementReviewResponse })
  create(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: CreateReviewDto,
    @RequestLanguage() lang: Language,
  ): Promise<ReviewView> {
    return this.reviews.create(me, id, dto, lang);
  }

  @Get('management-reviews/:id')
  @Access('units.read')
  @ApiOperation({ summary: 'One review with its 9.3.2 checklist and decisions' })
  @ApiOkResponse({ type: ManagementReviewResponse })
  get(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @RequestLanguage() lang: Language,
  ): Promise<ReviewView> {
    return this.reviews.get(me, id, lang);
  }

  @Patch('management-reviews/:id')
  @Access('management_review.manage')
  @ApiOperation({
    summary:
      'Change a draft review: date, chair, attendees, checklist items (discussed, note, links to records of the unit)',
  })
  @ApiOkResponse({ type: ManagementReviewResponse })
  update(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: UpdateReviewDto,
    @RequestLanguage() lang: Language,
  ): Promise<ReviewView> {
    return this.reviews.update(me, id, dto, lang);
  }

  @Post('management-reviews/:id/decisions')
  @Access('management_review.manage')
  @ApiOperation({
    summary: 'Record a decision (9.3.3), optionally with an action: owner and due date required',
  })
  @ApiCreatedResponse({ type: ManagementReviewResponse })
  addDecision(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: CreateDecisionDto,
    @RequestLanguage() lang: Language,
  ): Promise<ReviewView> {
    return this.reviews.addDecision(me, id, dto, lang);
  }

  @Post('management-reviews/:id/close')
  @HttpCode(200)
  @Access('management_review.manage')
  @ApiOperation({ summary: 'Close the review: 422 listing the 9.3.2 inputs not discussed' })
  @ApiOkResponse({ type: ManagementReviewResponse })
  close(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @RequestLanguage() lang: Language,
  ): Promise<ReviewView> {
    return this.reviews.close(me, id, lang);
  }

  @Get('units/:id/review-actions')
  @Access('units.read')
  @ApiOperation({ summary: "Open actions of the unit's management reviews, overdue flagged" })
  @ApiOkResponse({ type: [ReviewDecisionResponse] })
  openActions(@CurrentUser() me: Principal, @IdParam() id: string): Promise<DecisionView[]> {
    return this.reviews.openActions(me, id);
  }

  @Post('review-decisions/:id/complete')
  @HttpCode(200)
  @Access('management_review.manage')
  @ApiOperation({ summary: "Mark a decision's action done" })
  @ApiOkResponse({ type: ReviewDecisionResponse })
  complete(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: CompleteActionDto,
  ): Promise<DecisionView> {
    return this.reviews.completeAction(me, id, dto);
  }
}
