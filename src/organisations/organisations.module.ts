import { Module } from '@nestjs/common';
import { ReadinessModule } from '../readiness/readiness.module.js';
import { OrganisationsController } from './organisations.controller.js';
import { OrganisationsService } from './organisations.service.js';
import { UnitsService } from './units.service.js';

@Module({
  imports: [ReadinessModule],
  controllers: [OrganisationsController],
  providers: [OrganisationsService, UnitsService],
  exports: [OrganisationsService, UnitsService],
})
export class OrganisationsModule {}
