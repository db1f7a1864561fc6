import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import {
  OrganisationsService,
  type OrganisationView,
  type UnitView,
} from './organisations.service.js';

@ApiTags('organisations')
@Controller('api')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get('organisations')
  @Access('organisations.read')
  @ApiOperation({ summary: 'Local governments you belong to' })
  list(@CurrentUser() me: Principal): Promise<OrganisationView[]> {
    return this.organisations.list(me);
  }

  @Get('organisations/:id/units')
  @Access('units.read')
  @ApiOperation({ summary: 'Units (OPD) of a local government that you may see' })
  units(@CurrentUser() me: Principal, @IdParam() id: string): Promise<UnitView[]> {
    return this.organisations.units(me, id);
  }

  @Get('units/:id')
  @Access('units.read')
  @ApiOperation({ summary: 'One unit' })
  unit(@CurrentUser() me: Principal, @IdParam() id: string): Promise<UnitView> {
    return this.organisations.unit(me, id);
  }
}
