import type { ArgumentsHost } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { performance } from 'node:perf_hooks';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError } from './domain-error.js';

/** Seconds a refused client is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 1;

/** Probes and metrics are answered even when the application is full: they say that it is. */
const ALWAYS_ADMITTED = /^\/(health|metrics)(\/|$)/;

/** The overload refusal: 503 with Retry-After, translated by the exception filter like any other. */
export class ServerBusy extends DomainError {
  constructor() {
    super(503, 'server_busy', {}, undefined, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
  }
}

/** How often the event loop's lag is sampled. */
const LAG_SAMPLE_MS = 50;

/**
 * Counts requests being handled; `tryEnter` refuses once `limit` are (0: no limit), or while the
 * event loop runs more than `lagLimitMs` late (0: not watched). Most of a request's work here is
 * synchronous (better-sqlite3, JSON, templates), so an overloaded process shows as a late event
 * loop with requests waiting unread in their sockets, not as many requests in flight: the lag
 * catches that case, the count the one of many requests waiting on I/O (PostgreSQL, files).
 */
export class AdmissionGate {
  private current = 0;
  private lag = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly limit: number,
    readonly lagLimitMs = 0,
  ) {
    if (lagLimitMs > 0) this.watchLag();
  }

  /** How late the event loop ran at the last sample, in milliseconds. */
  get lagMs(): number {
    return this.lag;
  }

  get enabled(): boolean {
    return this.limit > 0 || this.lagLimitMs > 0;
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private watchLag(): void {
    const expected = performance.now() + LAG_SAMPLE_MS;
    this.timer = setTimeout(() => {
      this.lag = Math.max(0, performance.now() - expected);
      this.watchLag();
    }, LAG_SAMPLE_MS);
    this.timer.unref();
  }

  get inflight(): number {
    return this.current;
  }

  tryEnter(): boolean {
    if (this.limit > 0 && this.current >= this.limit) return false;
    if (this.lagLimitMs > 0 && this.lag > this.lagLimitMs) return false;
    this.current++;
    return true;
  }

  leave(): void {
    if (this.current > 0) this.current--;
  }
}

/**
 * Beyond MUTU_MAX_INFLIGHT requests at once, answers at once with 503 and Retry-After instead of
 * queueing a request that would be answered late (a fast refusal the client can retry, rather than
 * a slow answer for everyone). A request leaves the count when its response ends or its
 * connection closes, whichever comes first.
 */
export function admissionMiddleware(
  gate: AdmissionGate,
  refuse: { catch(exception: unknown, host: ArgumentsHost): void },
): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!gate.enabled || ALWAYS_ADMITTED.test(req.path)) return next();
    if (!gate.tryEnter()) {
      refuse.catch(new ServerBusy(), new ExecutionContextHost([req, res, next]));
      return;
    }
    let left = false;
    const leave = (): void => {
      if (left) return;
      left = true;
      gate.leave();
    };
    res.once('finish', leave);
    res.once('close', leave);
    next();
  };
}
