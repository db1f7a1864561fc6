import { Module } from '@nestjs/common';
import { FindingsModule } from '../findings/findings.module.js';
import { ReadinessModule } from '../readiness/readiness.module.js';
import { SurveyFindings } from './survey-findings.js';
import { SatisfactionController } from './satisfaction.controller.js';
import { SatisfactionService } from './satisfaction.service.js';

@Module({
  imports: [ReadinessModule, FindingsModule],
  controllers: [SatisfactionController],
  providers: [SatisfactionService, SurveyFindings],
  exports: [SatisfactionService, SurveyFindings],
})
export class SatisfactionModule {}
