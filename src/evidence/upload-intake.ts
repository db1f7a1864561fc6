import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { isMultipart, receiveUpload, type Upload, type UploadOptions } from './multipart.js';

/**
 * An upload as the HTTP layer hands it to a service (evidence, document revisions): typed and not
 * read yet, so that the service refuses (scope, a withdrawn unit or item) before a byte of the body
 * is read, and then reads it once, as it arrives (see multipart.ts: streamed, hashed, size-limited,
 * sniffed).
 */
export interface IncomingUpload {
  /**
   * Reads the body: the text fields, and the one file streamed through the store into tmp/
   * (commit or discard it). `allowWithoutFile`: an item without a file may also come as JSON or a
   * plain form, which Express has parsed already.
   */
  receive(options: UploadOptions & { allowWithoutFile: boolean }): Promise<Upload>;
}

/** The upload of a request (multipart, or a JSON/urlencoded body without a file), not read yet. */
export function incomingUpload(req: Request): IncomingUpload {
  let taken = false;
  return {
    receive: ({ allowWithoutFile, ...options }) => {
      if (taken) return Promise.reject(new Error('An upload is read once'));
      taken = true;
      const body: unknown = req.body;
      if (
        allowWithoutFile &&
        !isMultipart(req) &&
        body !== null &&
        typeof body === 'object' &&
        !Array.isArray(body) &&
        req.is(['application/json', 'application/x-www-form-urlencoded'])
      )
        return Promise.resolve({ fields: body as Upload['fields'], file: null });
      return receiveUpload(req, options);
    },
  };
}

/** The route's upload as an IncomingUpload: a parameter of the API and page upload handlers. */
export const UploadBody = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): IncomingUpload =>
    incomingUpload(ctx.switchToHttp().getRequest<Request>()),
);
