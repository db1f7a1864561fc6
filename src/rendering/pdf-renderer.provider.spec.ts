import { PdfRendererProvider } from './pdf-renderer.provider.js';
import { BrowserUnavailableError, RendererClosedError } from './render-errors.js';

describe('PdfRendererProvider', () => {
  it('uses the configured browser and closes with the application', async () => {
    const provider = new PdfRendererProvider({ chromiumPath: '/nonexistent/chrome' });
    await expect(provider.render('<p>x</p>')).rejects.toBeInstanceOf(BrowserUnavailableError);
    expect(provider.stats()).toMatchObject({ launches: 0, inFlight: 0 });
    await provider.onModuleDestroy();
    await expect(provider.render('<p>x</p>')).rejects.toBeInstanceOf(RendererClosedError);
  });
});
