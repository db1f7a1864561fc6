import { Controller, Get, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import type { Language } from '../i18n/i18n.js';
import {
  CreateUnitForm,
  CreateUserForm,
  UnitStatusForm,
  UpdateUnitForm,
  UpdateUserForm,
} from './admin-forms.js';
import { AdminUnitsPage } from './admin-units-page.js';
import { AdminUsersPage } from './admin-users-page.js';
import { Form, type Posted } from './forms.js';
import { Lang, Page } from './page.js';

/** Administration: users and their unit scope, and the units of the organisation. */
@ApiExcludeController()
@Controller('admin')
export class AdminPagesController {
  constructor(
    private readonly users: AdminUsersPage,
    private readonly units: AdminUnitsPage,
  ) {}

  @Get('users')
  @Access('users.manage')
  @Page('admin-users', 'admin.users_title')
  userList(@CurrentUser() me: Principal) {
    return this.users.list(me);
  }

  @Post('users')
  @Access('users.manage')
  @Page('admin-users', 'admin.users_title')
  createUser(@CurrentUser() me: Principal, @Form(CreateUserForm) form: Posted<CreateUserForm>) {
    return this.users.create(me, form);
  }

  @Get('users/:id')
  @Access('users.manage')
  @Page('admin-user', 'admin.user_title')
  user(@CurrentUser() me: Principal, @IdParam() id: string) {
    return this.users.user(me, id);
  }

  @Post('users/:id')
  @Access('users.manage')
  @Page('admin-user', 'admin.user_title')
  updateUser(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Form(UpdateUserForm) form: Posted<UpdateUserForm>,
  ) {
    return this.users.update(me, id, form);
  }

  @Get('units')
  @Access('units.manage')
  @Page('admin-units', 'admin.units_title')
  unitList(@CurrentUser() me: Principal) {
    return this.units.list(me);
  }

  @Post('units')
  @Access('units.manage')
  @Page('admin-units', 'admin.units_title')
  createUnit(@CurrentUser() me: Principal, @Form(CreateUnitForm) form: Posted<CreateUnitForm>) {
    return this.units.create(me, form);
  }

  @Get('units/:id')
  @Access('units.manage')
  @Page('admin-unit', 'admin.unit_title')
  unit(@CurrentUser() me: Principal, @IdParam() id: string, @Lang() lang: Language) {
    return this.units.unit(me, id, lang);
  }

  @Post('units/:id')
  @Access('units.manage')
  @Page('admin-unit', 'admin.unit_title')
  updateUnit(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(UpdateUnitForm) form: Posted<UpdateUnitForm>,
  ) {
    return this.units.update(me, id, lang, form);
  }

  /** Withdraw (withdrawn=yes) or restore (withdrawn=no) a unit: its own form, with a confirmation. */
  @Post('units/:id/status')
  @Access('units.manage')
  @Page('admin-unit', 'admin.unit_title')
  unitStatus(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Lang() lang: Language,
    @Form(UnitStatusForm) form: Posted<UnitStatusForm>,
  ) {
    return this.units.setStatus(me, id, lang, form);
  }
}
