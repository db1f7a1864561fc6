import { Global, Module } from '@nestjs/common';
import { ReadinessKeeper } from '../common/readiness-keeper.js';
import { ReadinessController } from './readiness.controller.js';
import { ReadinessService } from './readiness.service.js';
import { StoredReadiness } from './stored-readiness.js';

/**
 * Readiness of units and organisations. Global for its ReadinessKeeper: every module whose changes
 * move readiness is given the port (common/readiness-keeper.ts) without importing this module,
 * which reads their pure rules and so sits above them. Pages and reports import it for the reads.
 */
@Global()
@Module({
  controllers: [ReadinessController],
  providers: [ReadinessService, { provide: ReadinessKeeper, useClass: StoredReadiness }],
  exports: [ReadinessService, ReadinessKeeper],
})
export class ReadinessModule {}
