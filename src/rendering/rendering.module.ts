import { Module } from '@nestjs/common';
import { PdfRendererProvider } from './pdf-renderer.provider.js';

/**
 * The application's one Chromium renderer (launched on the first PDF, closed with the
 * application): for reports/, and for health/ and observability/ that report on it.
 */
@Module({
  providers: [PdfRendererProvider],
  exports: [PdfRendererProvider],
})
export class RenderingModule {}
