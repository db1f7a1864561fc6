import { Module } from '@nestjs/common';
import { FindingsModule } from '../findings/findings.module.js';
import { SurveyFindings } from './survey-findings.js';
import { SatisfactionController } from './satisfaction.controller.js';
import { SatisfactionService } from './satisfaction.service.js';

@Module({
  imports: [FindingsModule],
  controllers: [SatisfactionController],
  providers: [SatisfactionService, SurveyFindings],
  exports: [SatisfactionService, SurveyFindings],
})
export class SatisfactionModule {}
