import { Controller, Get, Header, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { ROLES } from '../auth/role.js';
import { CreateUserDto, UpdateUserDto } from '../auth/users.dto.js';
import { UsersService } from '../auth/users.service.js';
import { ValidationFailed } from '../common/domain-error.js';
import { IdParam } from '../common/params.js';
import { CreateUnitDto, UpdateUnitDto } from '../organisations/units.dto.js';
import { UnitsService } from '../organisations/units.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { translate } from '../i18n/i18n.js';
import { activeUnitOptions, AdminPage } from './admin-page.js';
import {
  asList,
  blankToNull,
  choices,
  fieldErrors,
  submitForm,
  validateForm,
  type FormBody,
  type FormError,
  Form,
} from './forms.js';
import { PageRenderer } from './page-renderer.js';
import { frameFor, type WebRequest } from './web-frame.js';

const USER_FIELDS = ['username', 'displayName', 'role', 'password', 'unitIds', 'active'];
const UNIT_FIELDS = ['code', 'name', 'shortName', 'description', 'organisationId'];

/** Administration: users and their unit scope, and the units of the organisation. */
@ApiExcludeController()
@Controller('admin')
export class AdminPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly admin: AdminPage,
    private readonly users: UsersService,
    private readonly units: UnitsService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get('users')
  @Access('users.manage')
  @Header('Content-Type', 'text/html; charset=utf-8')
  userList(@CurrentUser() me: Principal, @Req() req: WebRequest): Promise<string> {
    return this.renderUsers(me, req, null, null);
  }

  @Post('users')
  @Access('users.manage')
  async createUser(
    @CurrentUser() me: Principal,
    @Form() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await submitForm(
      req,
      res,
      async () => {
        const dto = validateForm(CreateUserDto, {
          username: body.username,
          displayName: body.displayName,
          role: body.role,
          password: body.password,
          unitIds: asList(body.unitIds),
        });
        const user = await this.users.create(me, dto);
        return `/admin/users/${user.id}?flash=user_created`;
      },
      // What was typed comes back, except the password.
      (problem) => this.renderUsers(me, req, problem, { ...body, password: '' }),
    );
  }

  @Get('users/:id')
  @Access('users.manage')
  @Header('Content-Type', 'text/html; charset=utf-8')
  user(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
  ): Promise<string> {
    return this.renderUser(me, id, req, null, null);
  }

  @Post('users/:id')
  @Access('users.manage')
  async updateUser(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Form() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await submitForm(
      req,
      res,
      async () => {
        const dto = validateForm(UpdateUserDto, {
          displayName: body.displayName,
          role: body.role,
          unitIds: asList(body.unitIds),
          // An unticked checkbox is not posted: absent means "disabled".
          active: (body.active === 'yes') as unknown as string,
          ...(blankToNull(body.password) ? { password: body.password } : {}),
        });
        await this.users.update(me, id, dto);
        return `/admin/users/${id}?flash=user_saved`;
      },
      (problem) => this.renderUser(me, id, req, problem, { ...body, password: '' }),
    );
  }

  @Get('units')
  @Access('units.manage')
  @Header('Content-Type', 'text/html; charset=utf-8')
  unitList(@CurrentUser() me: Principal, @Req() req: WebRequest): Promise<string> {
    return this.renderUnits(me, req, null, null);
  }

  @Post('units')
  @Access('units.manage')
  async createUnit(
    @CurrentUser() me: Principal,
    @Form() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await submitForm(
      req,
      res,
      async () => {
        const orgs = await this.organisations.list(me);
        const organisationId =
          orgs.length === 1
            ? orgs[0].id
            : typeof body.organisationId === 'string'
              ? body.organisationId
              : '';
        const dto = validateForm(CreateUnitDto, {
          code: body.code,
          name: body.name,
          shortName: body.shortName,
          description: body.description,
        });
        if (!orgs.some((o) => o.id === organisationId))
          throw new ValidationFailed([{ field: 'organisationId', rule: 'isDefined' }]);
        const unit = await this.units.create(me, organisationId, dto);
        return `/admin/units/${unit.id}?flash=unit_created`;
      },
      (problem) => this.renderUnits(me, req, problem, body),
    );
  }

  @Get('units/:id')
  @Access('units.manage')
  @Header('Content-Type', 'text/html; charset=utf-8')
  unit(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
  ): Promise<string> {
    return this.renderUnit(me, id, req, null, null);
  }

  @Post('units/:id')
  @Access('units.manage')
  async updateUnit(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Form() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await submitForm(
      req,
      res,
      async () => {
        const dto = validateForm(UpdateUnitDto, {
          name: body.name ?? '',
          shortName: body.shortName ?? '',
          description: body.description ?? '',
        });
        await this.units.update(me, id, dto);
        return `/admin/units/${id}?flash=unit_saved`;
      },
      (problem) => this.renderUnit(me, id, req, problem, body),
    );
  }

  /** Withdraw (withdrawn=yes) or restore (withdrawn=no) a unit: its own form, with a confirmation. */
  @Post('units/:id/status')
  @Access('units.manage')
  async unitStatus(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Form() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await submitForm(
      req,
      res,
      async () => {
        const withdrawn =
          body.withdrawn === 'yes' ? true : body.withdrawn === 'no' ? false : body.withdrawn;
        const dto = validateForm(UpdateUnitDto, { withdrawn: withdrawn as unknown as string });
        if (dto.withdrawn === undefined)
          throw new ValidationFailed([{ field: 'withdrawn', rule: 'isDefined' }]);
        await this.units.update(me, id, dto);
        return `/admin/units/${id}?flash=${dto.withdrawn ? 'unit_withdrawn' : 'unit_restored'}`;
      },
      (problem) => this.renderUnit(me, id, req, problem, null),
    );
  }

  private async renderUsers(
    me: Principal,
    req: WebRequest,
    error: FormError | null,
    form: FormBody | null,
  ): Promise<string> {
    const frame = frameFor(req, 'admin.users_title');
    const units = await this.admin.units(me);
    return this.pages.render(
      'admin-users',
      {
        users: await this.admin.userList(me, units),
        roles: ROLES,
        units: choices(activeUnitOptions(units), asList(form?.unitIds)),
        error,
        errors: fieldErrors(USER_FIELDS, error),
        form: { username: '', displayName: '', role: 'quality_officer', ...form },
      },
      frame,
    );
  }

  private async renderUser(
    me: Principal,
    id: string,
    req: WebRequest,
    error: FormError | null,
    form: FormBody | null,
  ): Promise<string> {
    const frame = frameFor(req, 'admin.user_title');
    const user = await this.users.view(me, id);
    const units = activeUnitOptions(await this.admin.units(me));
    const values = form
      ? {
          displayName: form.displayName ?? '',
          role: form.role ?? user.role,
          active: form.active === 'yes',
          unitIds: asList(form.unitIds),
        }
      : user;
    return this.pages.render(
      'admin-user',
      {
        user,
        roles: ROLES,
        units: choices(units, values.unitIds),
        error,
        errors: fieldErrors(USER_FIELDS, error),
        form: { displayName: values.displayName, role: values.role, active: values.active },
        self: user.id === me.id,
      },
      { ...frame, title: user.displayName },
    );
  }

  private async renderUnits(
    me: Principal,
    req: WebRequest,
    error: FormError | null,
    form: FormBody | null,
  ): Promise<string> {
    const frame = frameFor(req, 'admin.units_title');
    const organisations = await this.organisations.list(me);
    return this.pages.render(
      'admin-units',
      {
        units: await this.admin.units(me),
        organisations,
        chooseOrganisation: organisations.length > 1,
        error,
        errors: fieldErrors(UNIT_FIELDS, error),
        form: { code: '', name: '', shortName: '', description: '', organisationId: '', ...form },
      },
      frame,
    );
  }

  private async renderUnit(
    me: Principal,
    id: string,
    req: WebRequest,
    error: FormError | null,
    form: FormBody | null,
  ): Promise<string> {
    const frame = frameFor(req, 'admin.unit_title');
    const unit = await this.organisations.unit(me, id);
    return this.pages.render(
      'admin-unit',
      {
        unit,
        error,
        errors: fieldErrors(UNIT_FIELDS, error),
        form: {
          name: unit.name,
          shortName: unit.shortName ?? '',
          description: unit.description ?? '',
          ...form,
        },
        withdrawConfirm: translate(frame.lang, 'admin.withdraw_confirm', { name: unit.name }),
      },
      { ...frame, title: unit.name },
    );
  }
}
