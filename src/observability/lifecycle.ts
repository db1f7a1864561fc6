import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { finalize, type Observable } from 'rxjs';

/**
 * The server's own state for readiness and graceful shutdown: whether it is draining, and how much
 * work is in flight: HTTP exchanges (request start → response closed) and route handlers (until the
 * handler's promise settles, so an upload cut off by shutdown has removed its temporary file).
 */
@Injectable()
export class Lifecycle {
  private drainingSince: Date | null = null;
  private requests = 0;
  private handlers = 0;
  private idleWaiters: (() => void)[] = [];

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  /** Marks the server not ready (readiness answers 503 from now on). */
  beginDrain(): void {
    this.drainingSince ??= new Date();
  }

  inFlight(): { requests: number; handlers: number } {
    return { requests: this.requests, handlers: this.handlers };
  }

  requestStarted(): () => void {
    this.requests++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.requests--;
      this.settle();
    };
  }

  handlerStarted(): () => void {
    this.handlers++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.handlers--;
      this.settle();
    };
  }

  /** Resolves once no request and no handler is in flight. */
  whenIdle(): Promise<void> {
    return this.requests === 0 && this.handlers === 0
      ? Promise.resolve()
      : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private settle(): void {
    if (this.requests === 0 && this.handlers === 0)
      for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

/** Counts route handlers in flight in the Lifecycle (registered globally). */
@Injectable()
export class HandlerTracker implements NestInterceptor {
  constructor(private readonly lifecycle: Lifecycle) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const done = this.lifecycle.handlerStarted();
    return next.handle().pipe(finalize(done));
  }
}
