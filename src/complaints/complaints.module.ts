import { Module } from '@nestjs/common';
import { FindingsModule } from '../findings/findings.module.js';
import { ComplaintFindings } from './complaint-findings.js';
import { ComplaintsController } from './complaints.controller.js';
import { ComplaintsService } from './complaints.service.js';

@Module({
  imports: [FindingsModule],
  controllers: [ComplaintsController],
  providers: [ComplaintsService, ComplaintFindings],
  exports: [ComplaintsService, ComplaintFindings],
})
export class ComplaintsModule {}
