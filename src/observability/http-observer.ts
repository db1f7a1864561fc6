import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Principal } from '../auth/principal.js';
import type { Lifecycle } from './lifecycle.js';
import type { MetricsService } from './metrics.service.js';

/** What one finished (or cut off) HTTP exchange looked like; never its URL, body or headers. */
export interface Exchange {
  method: string;
  /** The route pattern (`/api/evidence/:id`), `/assets/*`, or `(unmatched)`: never the raw URL. */
  route: string;
  status: number;
  durationMs: number;
  /** True when the client went away (or shutdown cut it off) before the response was complete. */
  aborted: boolean;
  userId: string | null;
  requestId: string | null;
}

/** The route pattern of a request, bounded to the routes that exist (metrics labels, access log). */
export function routePattern(req: Request): string {
  const route = (req as { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return route.path;
  if (/^\/assets\//.test(req.path)) return '/assets/*';
  return '(unmatched)';
}

/**
 * Express middleware: counts the exchange in the Lifecycle, then on close writes one access-log line
 * and feeds the metrics.
 */
export function httpObserver(lifecycle: Lifecycle, metrics: MetricsService) {
  const logger = new Logger('Access');
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    const done = lifecycle.requestStarted();
    res.once('close', () => {
      done();
      const exchange: Exchange = {
        method: req.method,
        route: routePattern(req),
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        aborted: !res.writableFinished,
        userId: (req as { principal?: Principal }).principal?.id ?? null,
        requestId: (req as { requestId?: string }).requestId ?? null,
      };
      metrics.observeHttp(exchange);
      logger.log(
        `${exchange.method} ${exchange.route} ${exchange.aborted ? 'aborted' : exchange.status} ${exchange.durationMs} ms`,
        { ...exchange },
      );
    });
    next();
  };
}
