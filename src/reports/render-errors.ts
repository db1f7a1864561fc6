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

/** The renderer is shutting down (or shut down) and takes no more work. */
export class RendererClosedError extends Error {
  constructor() {
    super('The PDF renderer is closed.');
    this.name = 'RendererClosedError';
  }
}
