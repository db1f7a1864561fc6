import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import {
  OrganisationsService,
  type OrganisationView,
  type UnitView,
} from './organisations.service.js';
import { CreateUnitDto, UpdateUnitDto } from './units.dto.js';
import { UnitsService } from './units.service.js';
import { OrganisationResponse, UnitResponse } from '../openapi/accounts.responses.js';

@ApiTags('organisations')
@Controller('api')
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly units: UnitsService,
  ) {}

  @Get('organisations')
  @Access('organisations.read')
  @ApiOperation({ summary: 'Local governments you belong to' })
  @ApiOkResponse({ type: [OrganisationResponse] })
  list(@CurrentUser() me: Principal): Promise<OrganisationView[]> {
    return this.organisations.list(me);
  }

  @Get('organisations/:id/units')
  @Access('units.read')
  @ApiOperation({ summary: 'Units (OPD) of a local government that you may see' })
  @ApiOkResponse({ type: [UnitResponse] })
  unitsOf(@CurrentUser() me: Principal, @IdParam() id: string): Promise<UnitView[]> {
    return this.organisations.units(me, id);
  }

  @Post('organisations/:id/units')
  @Access('units.manage')
  @ApiOperation({ summary: 'Add a unit (OPD) to a local government' })
  @ApiCreatedResponse({ type: UnitResponse })
  createUnit(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: CreateUnitDto,
  ): Promise<UnitView> {
    return this.units.create(me, id, dto);
  }

  @Get('units/:id')
  @Access('units.read')
  @ApiOperation({ summary: 'One unit' })
  @ApiOkResponse({ type: UnitResponse })
  unit(@CurrentUser() me: Principal, @IdParam() id: string): Promise<UnitView> {
    return this.organisations.unit(me, id);
  }

  @Patch('units/:id')
  @Access('units.manage')
  @ApiOperation({ summary: 'Rename or describe a unit; withdraw (withdrawn: true) or restore it' })
  @ApiOkResponse({ type: UnitResponse })
  updateUnit(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: UpdateUnitDto,
  ): Promise<UnitView> {
    return this.units.update(me, id, dto);
  }
}
