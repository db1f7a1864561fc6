import { Module } from '@nestjs/common';
import { ManagementReviewController } from './management-review.controller.js';
import { ManagementReviewService } from './management-review.service.js';

@Module({
  controllers: [ManagementReviewController],
  providers: [ManagementReviewService],
  exports: [ManagementReviewService],
})
export class ManagementReviewModule {}
