import { Controller, Get, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import type { Language } from '../i18n/i18n.js';
import { Form, type Posted } from './forms.js';
import { ManagementReviewPage } from './management-review-page.js';
import { Lang, Page } from './page.js';
import {
  ChecklistForm,
  CompleteActionForm,
  CreateReviewForm,
  DecisionForm,
} from './review-forms.js';

/** The unit's management reviews (9.3): the 9.3.2 checklist, decisions and actions, closing. */
@ApiExcludeController()
@Controller()
export class ManagementReviewPagesController {
  constructor(private readonly page: ManagementReviewPage) {}

  @Get('units/:id/management-reviews')
  @Access('units.read')
  @Page('management-reviews', 'review.heading')
  list(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.page.list(me, id, lang);
  }

  @Post('units/:id/management-reviews')
  @Access('management_review.manage')
  @Page('management-reviews', 'review.heading')
  create(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(CreateReviewForm) form: Posted<CreateReviewForm>,
  ) {
    return this.page.create(me, id, lang, form);
  }

  @Get('management-reviews/:id')
  @Access('units.read')
  @Page('management-review', 'review.heading')
  review(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.page.review(me, id, lang);
  }

  @Post('management-reviews/:id/checklist')
  @Access('management_review.manage')
  @Page('management-review', 'review.heading')
  saveChecklist(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(ChecklistForm) form: Posted<ChecklistForm>,
  ) {
    return this.page.saveChecklist(me, id, lang, form);
  }

  @Post('management-reviews/:id/decisions')
  @Access('management_review.manage')
  @Page('management-review', 'review.heading')
  addDecision(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(DecisionForm) form: Posted<DecisionForm>,
  ) {
    return this.page.addDecision(me, id, lang, form);
  }

  @Post('review-decisions/:id/complete')
  @Access('management_review.manage')
  @Page('management-review', 'review.heading')
  completeAction(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(CompleteActionForm) form: Posted<CompleteActionForm>,
  ) {
    return this.page.completeAction(me, id, lang, form);
  }

  @Post('management-reviews/:id/close')
  @Access('management_review.manage')
  @Page('management-review', 'review.heading')
  close(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.page.close(me, id, lang);
  }

  @Post('management-reviews/:id/minutes')
  @Access('management_review.manage')
  @Page('management-review', 'review.heading')
  issueMinutes(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.page.issueMinutes(me, id, lang);
  }
}
