import { Module } from '@nestjs/common';
import { ReadinessModule } from '../readiness/readiness.module.js';
import { DiagnosticsController } from './diagnostics.controller.js';
import { DiagnosticsService } from './diagnostics.service.js';

@Module({
  // For the shared Clock only: a diagnostic does not move a unit's readiness.
  imports: [ReadinessModule],
  controllers: [DiagnosticsController],
  providers: [DiagnosticsService],
  exports: [DiagnosticsService],
})
export class DiagnosticsModule {}
