import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * A file sent as the request body itself (a CSV or .xlsx import, no form), as the HTTP layer hands
 * it to a service: typed and not read yet, so that the service refuses (scope, a reported
 * assessment, the declared type) before a byte of the body is read, and then reads it once. The
 * multipart uploads of evidence and documents come as IncomingUpload (evidence/upload-intake.ts).
 */
export interface IncomingFile {
  /**
   * The declared content type against `types`, as Express's `req.is`: the first that matches,
   * false when none does, null when there is no body. Reads nothing.
   */
  is(types: string[]): string | false | null;
  /**
   * The whole body, refused with `tooLarge(limitBytes)` past the limit (declared or actually sent). The
   * rest of an oversized body is drained rather than the connection cut, so that the client reads
   * the refusal.
   */
  read(limitBytes: number, tooLarge: (limitBytes: number) => Error): Promise<Buffer>;
}

/** The body of a request as an IncomingFile, not read yet. */
export function incomingFile(req: Request): IncomingFile {
  let taken = false;
  return {
    is: (types) => req.is(types),
    read: (limitBytes, tooLarge) => {
      if (taken) return Promise.reject(new Error('A request body is read once'));
      taken = true;
      return readLimited(req, limitBytes, () => tooLarge(limitBytes));
    },
  };
}

function readLimited(req: Request, limit: number, tooLarge: () => Error): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > limit) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** The route's body as an IncomingFile: a parameter of the API import handlers. */
export const FileBody = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): IncomingFile =>
    incomingFile(ctx.switchToHttp().getRequest<Request>()),
);
