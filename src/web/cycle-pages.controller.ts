import { Controller, Get, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import { CreateCycleForm, CycleSettingsForm } from './cycle-forms.js';
import { CyclePage } from './cycle-page.js';
import { Form, type Posted } from './forms.js';
import { Page } from './page.js';

/** Assessment cycles: the list, a new cycle for a unit, and a cycle's settings (title, team, start). */
@ApiExcludeController()
@Controller('assessments')
export class CyclePagesController {
  constructor(private readonly page: CyclePage) {}

  @Get()
  @Access('assessments.manage')
  @Page('assessments', 'assessments.title')
  list(@CurrentUser() me: Principal) {
    return this.page.list(me);
  }

  @Post()
  @Access('assessments.manage')
  @Page('assessments', 'assessments.title')
  create(@CurrentUser() me: Principal, @Form(CreateCycleForm) form: Posted<CreateCycleForm>) {
    return this.page.create(me, form);
  }

  @Get(':id/settings')
  @Access('assessments.manage')
  @Page('cycle-settings', 'cycle.settings_title')
  settings(@CurrentUser() me: Principal, @IdParam() id: string) {
    return this.page.settings(me, id);
  }

  @Post(':id/settings')
  @Access('assessments.manage')
  @Page('cycle-settings', 'cycle.settings_title')
  saveSettings(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Form(CycleSettingsForm) form: Posted<CycleSettingsForm>,
  ) {
    return this.page.saveSettings(me, id, form);
  }
}
