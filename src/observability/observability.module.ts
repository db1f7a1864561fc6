import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { RenderingModule } from '../rendering/rendering.module.js';
import { HandlerTracker, Lifecycle } from './lifecycle.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

/** Lifecycle (readiness, graceful shutdown), metrics and the request counting behind them. */
@Global()
@Module({
  imports: [RenderingModule],
  providers: [Lifecycle, MetricsService, { provide: APP_INTERCEPTOR, useClass: HandlerTracker }],
  controllers: [MetricsController],
  exports: [Lifecycle, MetricsService],
})
export class ObservabilityModule {}
