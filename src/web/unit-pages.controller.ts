import { Controller, Get, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import { WithdrawEvidenceDto } from '../evidence/evidence.dto.js';
import { UploadBody, type IncomingUpload } from '../evidence/upload-intake.js';
import type { Language } from '../i18n/i18n.js';
import { ReviewEvidenceForm } from './evidence-forms.js';
import { EvidencePage } from './evidence-page.js';
import { Form, type Posted } from './forms.js';
import { Lang, Page } from './page.js';
import { UnitPage } from './unit-page.js';

/** The units, a unit's checklist with its evidence upload, and an evidence item's page. */
@ApiExcludeController()
@Controller()
export class UnitPagesController {
  constructor(
    private readonly units: UnitPage,
    private readonly evidence: EvidencePage,
  ) {}

  @Get('units')
  @Access('units.read')
  @Page('units', 'units.title')
  unitList(@CurrentUser() me: Principal) {
    return this.units.units(me);
  }

  @Get('units/:id')
  @Access('units.read')
  @Page('unit', 'unit.title')
  unit(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.units.unit(me, id, lang);
  }

  /** Upload from the unit page: the same streamed, checked upload as the API. */
  @Post('units/:id/evidence')
  @Access('evidence.submit')
  @Page('unit', 'unit.title')
  upload(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @UploadBody() upload: IncomingUpload,
  ) {
    return this.units.upload(me, id, lang, upload);
  }

  @Get('evidence/:id')
  @Access('units.read')
  @Page('evidence', 'evidence.title')
  evidenceItem(@CurrentUser() me: Principal, @IdParam() id: string) {
    return this.evidence.item(me, id);
  }

  @Post('evidence/:id/versions')
  @Access('evidence.submit')
  @Page('evidence', 'evidence.title')
  newVersion(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @UploadBody() upload: IncomingUpload,
  ) {
    return this.evidence.newVersion(me, id, lang, upload);
  }

  @Post('evidence/:id/review')
  @Access('evidence.review')
  @Page('evidence', 'evidence.title')
  review(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Form(ReviewEvidenceForm) form: Posted<ReviewEvidenceForm>,
  ) {
    return this.evidence.review(me, id, form);
  }

  /** The officer withdraws an item that no longer holds (with a reason); it stays in the register. */
  @Post('evidence/:id/withdraw')
  @Access('evidence.submit')
  @Page('evidence', 'evidence.title')
  withdraw(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Form(WithdrawEvidenceDto) form: Posted<WithdrawEvidenceDto>,
  ) {
    return this.evidence.withdraw(me, id, form);
  }
}
