import { Controller, Get, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import type { Language } from '../i18n/i18n.js';
import { Form, type Posted } from './forms.js';
import { Lang, Page } from './page.js';
import { MeasurementForm, RiskForm } from './quality-plan-forms.js';
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

  @Get('units/:id/objectives')
  @Access('units.read')
  @Page('objectives', 'objective.heading')
  objectives(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.page.list(me, id, lang);
  }

  @Get('objectives/:id')
  @Access('units.read')
  @Page('objective', 'objective.heading')
  objective(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.page.objective(me, id, lang);
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
