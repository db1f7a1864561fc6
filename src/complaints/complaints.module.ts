import { Module } from '@nestjs/common';
import { FindingsModule } from '../findings/findings.module.js';
import { ReadinessModule } from '../readiness/readiness.module.js';
import { ComplaintFindings } from './complaint-findings.js';
import { ComplaintsController } from './complaints.controller.js';
import { ComplaintsService } from './complaints.service.js';

@Module({
  imports: [ReadinessModule, FindingsModule],
  controllers: [ComplaintsController],
  providers: [ComplaintsService, ComplaintFindings],
  exports: [ComplaintsService, ComplaintFindings],
})
export class ComplaintsModule {}
