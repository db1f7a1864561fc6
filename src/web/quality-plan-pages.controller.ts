import { Controller, Get, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import type { Language } from '../i18n/i18n.js';
import { Form, type Posted } from './forms.js';
import { Lang, Page } from './page.js';
import {
  MeasurementForm,
  ObjectiveForm,
  RiskForm,
  UpdateObjectiveForm,
  UpdateRiskForm,
  WithdrawForm,
} from './quality-plan-forms.js';
import { QualityPlanPage } from './quality-plan-page.js';

/** The unit's risk register (6.1) and quality objectives (6.2, 9.1). */
@ApiExcludeController()
@Controller()
export class QualityPlanPagesController {
  constructor(private readonly page: QualityPlanPage) {}

  @Get('units/:id/risks')
  @Access('units.read')
  @Page('risks', 'risk.heading')
  register(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.page.register(me, id, lang);
  }

  @Post('units/:id/risks')
  @Access('risks.manage')
  @Page('risks', 'risk.heading')
  addRisk(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(RiskForm) form: Posted<RiskForm>,
  ) {
    return this.page.addRisk(me, id, lang, form);
  }

  @Get('risks/:id')
  @Access('units.read')
  @Page('risk', 'risk.heading')
  risk(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.page.risk(me, id, lang);
  }

  @Post('risks/:id')
  @Access('risks.manage')
  @Page('risk', 'risk.heading')
  updateRisk(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(UpdateRiskForm) form: Posted<UpdateRiskForm>,
  ) {
    return this.page.updateRisk(me, id, lang, form);
  }

  @Post('risks/:id/withdraw')
  @Access('risks.manage')
  @Page('risk', 'risk.heading')
  withdrawRisk(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(WithdrawForm) form: Posted<WithdrawForm>,
  ) {
    return this.page.withdrawRisk(me, id, lang, form);
  }

  @Get('units/:id/objectives')
  @Access('units.read')
  @Page('objectives', 'objective.heading')
  objectives(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.page.list(me, id, lang);
  }

  @Post('units/:id/objectives')
  @Access('objectives.manage')
  @Page('objectives', 'objective.heading')
  addObjective(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(ObjectiveForm) form: Posted<ObjectiveForm>,
  ) {
    return this.page.addObjective(me, id, lang, form);
  }

  @Get('objectives/:id')
  @Access('units.read')
  @Page('objective', 'objective.heading')
  objective(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.page.objective(me, id, lang);
  }

  @Post('objectives/:id')
  @Access('objectives.manage')
  @Page('objective', 'objective.heading')
  updateObjective(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(UpdateObjectiveForm) form: Posted<UpdateObjectiveForm>,
  ) {
    return this.page.updateObjective(me, id, lang, form);
  }

  @Post('objectives/:id/withdraw')
  @Access('objectives.manage')
  @Page('objective', 'objective.heading')
  withdrawObjective(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(WithdrawForm) form: Posted<WithdrawForm>,
  ) {
    return this.page.withdrawObjective(me, id, lang, form);
  }

  @Post('objectives/:id/measurements')
  @Access('objectives.manage')
  @Page('objective', 'objective.heading')
  measure(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(MeasurementForm) form: Posted<MeasurementForm>,
  ) {
    return this.page.measure(me, id, lang, form);
  }
}
