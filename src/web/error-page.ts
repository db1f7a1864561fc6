import type { Request } from 'express';
import type { ErrorBody } from '../common/all-exceptions.filter.js';
import { translate, type Language } from '../i18n/i18n.js';
import type { PageRenderer } from './page-renderer.js';
import { frameFor, type WebRequest } from './web-frame.js';

/** The HTML error page: the translated message of the JSON error, never a stack trace. */
export const errorPage =
  (pages: PageRenderer) =>
  (req: Request, body: ErrorBody, lang: Language): string => {
    const frame = { ...frameFor(req as WebRequest, 'error_page.title'), lang };
    const known = [403, 404, 500].includes(body.statusCode)
      ? body.statusCode
      : body.statusCode >= 500
        ? 500
        : 400;
    return pages.render(
      'error',
      {
        heading: translate(lang, `error_page.heading_${known}`),
        message: body.message,
        reference: body.requestId ?? null,
      },
      frame,
    );
  };
