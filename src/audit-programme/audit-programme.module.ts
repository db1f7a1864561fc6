import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { AuditProgrammeController } from './audit-programme.controller.js';
import { AuditProgrammeService } from './audit-programme.service.js';

@Module({
  imports: [AssessmentsModule],
  controllers: [AuditProgrammeController],
  providers: [AuditProgrammeService],
  exports: [AuditProgrammeService],
})
export class AuditProgrammeModule {}
