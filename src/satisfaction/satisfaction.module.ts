import { Module } from '@nestjs/common';
import { ReadinessModule } from '../readiness/readiness.module.js';
import { SatisfactionController } from './satisfaction.controller.js';
import { SatisfactionService } from './satisfaction.service.js';

@Module({
  imports: [ReadinessModule],
  controllers: [SatisfactionController],
  providers: [SatisfactionService],
  exports: [SatisfactionService],
})
export class SatisfactionModule {}
