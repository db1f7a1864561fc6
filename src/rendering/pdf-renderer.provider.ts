import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import {
  PdfRenderer,
  type RendererStats,
  type RenderOptions,
  type RenderResult,
} from './pdf-renderer.js';

/**
 * The application's one PdfRenderer: browser from CHROMIUM_PATH (else found on the system),
 * MUTU_PDF_CONCURRENCY renders at once, MUTU_PDF_TIMEOUT_MS each, a fresh browser every
 * MUTU_PDF_RECYCLE_AFTER renders, waiting at most MUTU_PDF_QUEUE_WAIT_MS for a turn behind at most
 * MUTU_PDF_QUEUE_MAX others; launched on the first report, closed when the application shuts down.
 */
@Injectable()
export class PdfRendererProvider implements OnModuleDestroy {
  private readonly renderer: PdfRenderer;

  constructor(
    @Inject(MUTU_CONFIG)
    config: Pick<MutuConfig, 'chromiumPath'> & Partial<Pick<MutuConfig, 'pdf'>>,
  ) {
    this.renderer = new PdfRenderer({ executablePath: config.chromiumPath, ...config.pdf });
  }

  /** Told of every render's outcome and its time in ms, waiting in line included (metrics). */
  readonly renderObservers: ((outcome: 'ok' | 'failed', ms: number) => void)[] = [];

  async render(html: string, options?: RenderOptions): Promise<RenderResult> {
    const started = performance.now();
    try {
      const result = await this.renderer.render(html, options);
      for (const observe of this.renderObservers) observe('ok', result.ms);
      return result;
    } catch (error) {
      for (const observe of this.renderObservers) observe('failed', performance.now() - started);
      throw error;
    }
  }

  stats(): RendererStats {
    return this.renderer.stats();
  }

  onModuleDestroy(): Promise<void> {
    return this.renderer.close();
  }
}
