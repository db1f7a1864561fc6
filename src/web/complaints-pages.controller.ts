import { Controller, Get, Post, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import { RaiseComplaintFindingInput } from '../complaints/complaints.dto.js';
import type { Language } from '../i18n/i18n.js';
import { FormUploadBody, type PendingFormUpload } from './complaint-upload.js';
import { ComplaintsPage } from './complaints-page.js';
import { Form, type Posted } from './forms.js';
import { Lang, Page } from './page.js';

/** The unit's citizen complaints: metrics, trend and the log import with mapping confirmation. */
@ApiExcludeController()
@Controller()
export class ComplaintsPagesController {
  constructor(private readonly page: ComplaintsPage) {}

  @Get('units/:id/complaints')
  @Access('units.read')
  @Page('complaints', 'complaint.page_title')
  show(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Query('period') period: unknown,
  ) {
    return this.page.show(me, id, lang, period);
  }

  /** A file is checked and its mapping step shown; the confirmed import goes back to the page. */
  @Post('units/:id/complaints/import')
  @Access('complaints.import')
  @Page('complaints', 'complaint.page_title')
  submit(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Query('period') period: unknown,
    @FormUploadBody() upload: PendingFormUpload,
  ) {
    return this.page.import(me, id, lang, period, upload);
  }

  /** One click from a recurring category to a finding in the current assessment. */
  @Post('units/:id/complaints/findings')
  @Access('findings.record')
  @Page('complaints', 'complaint.page_title')
  raise(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Query('period') period: unknown,
    @Form(RaiseComplaintFindingInput) form: Posted<RaiseComplaintFindingInput>,
  ) {
    return this.page.raise(me, id, lang, period, form);
  }
}
