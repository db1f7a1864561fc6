import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: 'Local governments' })
  list(): Promise<OrganisationView[]> {
    return this.organisations.list();
  }

  @Get('organisations/:id/units')
  @ApiOperation({ summary: 'Units (OPD) of a local government' })
  units(@IdParam() id: string): Promise<UnitView[]> {
    return this.organisations.units(id);
  }

  @Get('units/:id')
  @ApiOperation({ summary: 'One unit' })
  unit(@IdParam() id: string): Promise<UnitView> {
    return this.organisations.unit(id);
  }
}
