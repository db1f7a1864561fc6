import { Module } from '@nestjs/common';
import { AssessmentTransferController } from './assessment-transfer.controller.js';
import { AssessmentTransferService } from './assessment-transfer.service.js';
import { AssessmentsController } from './assessments.controller.js';
import { AssessmentsService } from './assessments.service.js';
import { RatingsService } from './ratings.service.js';

@Module({
  controllers: [AssessmentsController, AssessmentTransferController],
  providers: [AssessmentsService, RatingsService, AssessmentTransferService],
  exports: [AssessmentsService, RatingsService],
})
export class AssessmentsModule {}
