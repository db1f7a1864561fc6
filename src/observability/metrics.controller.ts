import { Controller, Get, Inject, NotFoundException, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '../auth/access.decorator.js';
import { Unauthorized } from '../common/domain-error.js';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { MetricsService } from './metrics.service.js';

/** Whether an Authorization header carries exactly the expected bearer token (constant time). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const sent = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!sent) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Prometheus metrics (text format). Not a user's route: sessions do not reach it (@Public to the
 * session guard); it answers 404 unless MUTU_METRICS=true, and then only to MUTU_METRICS_TOKEN.
 */
@ApiTags('health')
@Controller('metrics')
@Public()
export class MetricsController {
  constructor(
    @Inject(MUTU_CONFIG) private readonly config: MutuConfig,
    private readonly metrics: MetricsService,
  ) {}

  // For a Prometheus scraper, not an API client: kept out of the OpenAPI document (README: Metrics).
  // Prometheus text format; 404 unless MUTU_METRICS=true, 401 without MUTU_METRICS_TOKEN.
  @Get()
  @ApiExcludeEndpoint()
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    const expected = this.config.metrics?.token;
    if (!expected || !this.metrics.enabled) throw new NotFoundException();
    if (!bearerMatches(req.header('authorization'), expected))
      throw new Unauthorized('unauthorized', {
        'WWW-Authenticate': 'Bearer realm="mutu-metrics"',
      });
    const body = await this.metrics.registry.metrics();
    res.setHeader('Cache-Control', 'no-store');
    res.type(this.metrics.registry.contentType).send(body);
  }
}
