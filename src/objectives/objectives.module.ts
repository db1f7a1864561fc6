import { Module } from '@nestjs/common';
import { ReadinessModule } from '../readiness/readiness.module.js';
import { ObjectivesController } from './objectives.controller.js';
import { ObjectivesService } from './objectives.service.js';

@Module({
  imports: [ReadinessModule],
  controllers: [ObjectivesController],
  providers: [ObjectivesService],
  exports: [ObjectivesService],
})
export class ObjectivesModule {}
