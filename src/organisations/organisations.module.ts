import { Module } from '@nestjs/common';
import { OrganisationsController } from './organisations.controller.js';
import { OrganisationsService } from './organisations.service.js';
import { UnitsService } from './units.service.js';

@Module({
  controllers: [OrganisationsController],
  providers: [OrganisationsService, UnitsService],
  exports: [OrganisationsService, UnitsService],
})
export class OrganisationsModule {}
