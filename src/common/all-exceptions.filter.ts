import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { pickLanguage, translate, type Language } from '../i18n/i18n.js';
import { DomainError, type FieldProblem } from './domain-error.js';
import { currentRequestId } from './request-context.js';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code: string;
  details?: unknown;
  /** The request's id (X-Request-Id), for the user to quote to the administrator. */
  requestId?: string;
}

const HTTP_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'route_not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

/**
 * The caller's language: ?lang=, then the mutu_lang cookie; API clients may also ask with
 * Accept-Language. Pages ignore the browser's language: they speak Indonesian until the user picks
 * English with the switch (many office browsers are set to English).
 */
export function requestLanguage(req: Request): Language {
  const cookies = (req as { cookies?: Record<string, string> }).cookies;
  return pickLanguage({
    query: req.query?.lang,
    cookie: cookies?.mutu_lang,
    acceptLanguage: isPageRequest(req) ? undefined : req.headers['accept-language'],
  });
}

/** The params of a refusal with the words it names (DomainError.translated) in `lang`. */
function translatedParams(
  error: DomainError,
  lang: Language,
  own: Record<string, unknown> = {},
): Record<string, unknown> {
  const params = { ...error.params, ...own };
  const word = (prefix: string, value: unknown) => translate(lang, `${prefix}.${String(value)}`);
  for (const [name, prefix] of Object.entries(error.translated)) {
    const value = params[name];
    if (Array.isArray(value))
      params[name] = value.length
        ? value.map((v) => word(prefix, v)).join(', ')
        : translate(lang, 'list.none');
    else if (typeof value === 'string' && value !== '') params[name] = word(prefix, value);
  }
  return params;
}

/** Turns any error into the one JSON error shape of DESIGN.md, translated, never with a stack trace. */
export function toErrorBody(exception: unknown, lang: Language, path: string): ErrorBody {
  if (exception instanceof DomainError) {
    const said = exception.inLanguage?.(lang) ?? {};
    const params = translatedParams(exception, lang, said.params);
    const raw = 'details' in said ? said.details : exception.details;
    const details = Array.isArray(raw)
      ? (raw as FieldProblem[]).map((p) =>
          p.rule
            ? {
                ...p,
                message: translate(lang, `validation.${p.rule}`, {
                  values: p.values?.join(', '),
                }).replace(/^validation\..*/, translate(lang, 'validation.other')),
              }
            : p,
        )
      : raw;
    return {
      statusCode: exception.status,
      error: HttpStatus[exception.status] ?? 'Error',
      code: exception.code,
      message: translate(lang, `error.${exception.code}`, params),
      ...(details === undefined ? {} : { details }),
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = HTTP_CODES[status] ?? (status >= 500 ? 'internal' : 'bad_request');
    return {
      statusCode: status,
      error: HttpStatus[status] ?? 'Error',
      code,
      message: translate(lang, `error.${code}`, { path }),
    };
  }
  return {
    statusCode: 500,
    error: 'INTERNAL_SERVER_ERROR',
    code: 'internal',
    message: translate(lang, 'error.internal'),
  };
}

/** Renders an error as an HTML page for browser routes (implemented by the web module). */
export type HtmlErrorRenderer = (req: Request, body: ErrorBody, lang: Language) => string;

/** Browser pages (not the API, health or static assets) get HTML errors and a sign-in redirect. */
export const isPageRequest = (req: Request): boolean =>
  !/^\/(api|health|assets|metrics)(\/|$)/.test(req.path) &&
  req.accepts(['html', 'json']) === 'html';

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly renderHtml?: HtmlErrorRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const lang = requestLanguage(req);
    const requestId = (req as { requestId?: string }).requestId ?? currentRequestId() ?? undefined;
    const body: ErrorBody = { ...toErrorBody(exception, lang, req.path), requestId };
    if (body.statusCode >= 500) {
      this.logger.error(
        `${req.method} ${req.path} (request ${requestId ?? 'unknown'})`,
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    if (exception instanceof DomainError) {
      for (const [name, value] of Object.entries(exception.headers)) res.setHeader(name, value);
    }
    if (this.renderHtml && isPageRequest(req)) {
      if (body.statusCode === 401) {
        res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
      res
        .status(body.statusCode)
        .type('html')
        .send(this.renderHtml(req, body, lang));
      return;
    }
    // A page handler may have set text/html before it failed: JSON is always labelled JSON.
    res.status(body.statusCode).type('application/json').json(body);
  }
}
