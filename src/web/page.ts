import {
  applyDecorators,
  type CallHandler,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response as ExpressResponse } from 'express';
import { map, type Observable } from 'rxjs';
import { requestLanguage } from '../common/all-exceptions.filter.js';
import type { Language } from '../i18n/i18n.js';
import { PageRenderer } from './page-renderer.js';
import { frameFor, type WebRequest } from './web-frame.js';

const PAGE_KEY = 'mutu:page';
const HTML = 'text/html; charset=utf-8';

interface PageOptions {
  template: string;
  /** Locale key of the page title, unless the view model names the page (`pageTitle`). */
  titleKey: string;
}

/**
 * What a page handler may return besides its view model: the page's own title (a unit's name, a
 * user's name), already in the reader's language.
 */
export interface Titled {
  pageTitle?: string;
}

/** Where the browser goes after a form succeeded (303, so a reload does not post again). */
export class Redirect {
  constructor(readonly url: string) {}
}

/** A refused form shown again: the status of the refusal, its headers and the page's view model. */
export class Refused<V extends object = object> {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly view: V,
  ) {}
}

/**
 * A server-rendered page, the way nestjs sample/15-mvc's @Render declares one: the handler returns
 * the view model and the interceptor renders it in the frame (layout, menu, language, flash) with
 * the strict PageRenderer. A form handler returns what `Posted.submit` gives: a Redirect on
 * success, or the page again (Refused) with the field errors and the refusal's status.
 */
export const Page = (template: string, titleKey: string): MethodDecorator =>
  applyDecorators(
    SetMetadata<string, PageOptions>(PAGE_KEY, { template, titleKey }),
    UseInterceptors(PageInterceptor),
  );

/** The reader's language (?lang=, then the cookie), for the page classes that build view models. */
export const Lang = createParamDecorator((_data: unknown, ctx: ExecutionContext): Language =>
  requestLanguage(ctx.switchToHttp().getRequest<WebRequest>()),
);

/** A path and query as a Location header may carry them (non-ASCII and spaces percent-encoded). */
const location = (url: string): string => {
  const u = new URL(url, 'http://mutu.invalid');
  return `${u.pathname}${u.search}${u.hash}`;
};

@Injectable()
export class PageInterceptor implements NestInterceptor {
  constructor(
    private readonly pages: PageRenderer,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const page = this.reflector.get<PageOptions>(PAGE_KEY, context.getHandler());
    const http = context.switchToHttp();
    const req = http.getRequest<WebRequest>();
    const res = http.getResponse<ExpressResponse>();
    return next.handle().pipe(map((result: unknown) => this.respond(page, req, res, result)));
  }

  private respond(
    page: PageOptions,
    req: WebRequest,
    res: ExpressResponse,
    result: unknown,
  ): string | Response {
    if (result instanceof Redirect)
      return new Response(null, { status: 303, headers: { location: location(result.url) } });
    const refused = result instanceof Refused ? result : null;
    const view = (refused ? refused.view : result) as object & Titled;
    const frame = frameFor(req, page.titleKey);
    const html = this.pages.render(
      page.template,
      view,
      view.pageTitle ? { ...frame, title: view.pageTitle } : frame,
    );
    if (refused)
      return new Response(html, {
        status: refused.status,
        headers: { ...refused.headers, 'content-type': HTML },
      });
    res.setHeader('Content-Type', HTML);
    return html;
  }
}
