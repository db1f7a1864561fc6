import { DomainError } from '../common/domain-error.js';

/** No browser to render with: none installed, or it would not start. Maps to 503 with what to do. */
export class BrowserUnavailableError extends DomainError {
  constructor(detail: string, cause?: unknown) {
    super(503, 'browser_unavailable', { detail });
    this.name = 'BrowserUnavailableError';
    this.message =
      `${detail} Install Chromium (apt-get install -y chromium) ` +
      'or set CHROMIUM_PATH to a Chrome or Chromium executable.';
    if (cause !== undefined) this.cause = cause;
  }
}

/** A render took longer than its time limit; its browser context has been closed. */
export class RenderTimeoutError extends DomainError {
  constructor(readonly timeoutMs: number) {
    super(503, 'render_timeout', { seconds: Math.ceil(timeoutMs / 1000) });
    this.name = 'RenderTimeoutError';
    this.message = `The PDF was not rendered within ${timeoutMs} ms.`;
  }
}

/**
 * Too many PDFs asked for at once: the line of renders waiting for a turn is full (MUTU_PDF_QUEUE_MAX)
 * or the wait ran past MUTU_PDF_QUEUE_WAIT_MS. 503 with Retry-After; nothing was rendered.
 */
export class RenderQueueFullError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(503, 'render_queue_full', { seconds: retryAfterSeconds }, undefined, {
      'Retry-After': String(retryAfterSeconds),
    });
    this.name = 'RenderQueueFullError';
    this.message = `Too many PDFs are being made; retry after ${retryAfterSeconds} s.`;
  }
}

/** The renderer is shutting down (or shut down) and takes no more work. */
export class RendererClosedError extends Error {
  constructor() {
    super('The PDF renderer is closed.');
    this.name = 'RendererClosedError';
  }
}
