import { Module } from '@nestjs/common';
import { ReadinessModule } from '../readiness/readiness.module.js';
import { ManagementReviewController } from './management-review.controller.js';
import { ManagementReviewService } from './management-review.service.js';

@Module({
  imports: [ReadinessModule],
  controllers: [ManagementReviewController],
  providers: [ManagementReviewService],
  exports: [ManagementReviewService],
})
export class ManagementReviewModule {}
