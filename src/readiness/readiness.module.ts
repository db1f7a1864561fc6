import { Module } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { ReadinessController } from './readiness.controller.js';
import { ReadinessService } from './readiness.service.js';

@Module({
  controllers: [ReadinessController],
  providers: [ReadinessService, Clock],
  exports: [ReadinessService, Clock],
})
export class ReadinessModule {}
