import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { PayloadTooLarge, ValidationFailed } from '../common/domain-error.js';
import { MultipartRequired } from '../evidence/upload-errors.js';

export interface FormUpload {
  fields: Record<string, string>;
  file: Buffer | null;
}

const FIELD = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * A small multipart form with at most one file, read into memory (a complaint log is a few
 * hundred kilobytes; the limit is enforced while it streams in). A staged log comes back as a
 * base64 field, so the field limit allows its size too.
 */
export function readFormUpload(req: IncomingMessage, limitBytes: number): Promise<FormUpload> {
  if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? ''))
    return Promise.reject(new MultipartRequired());
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          files: 1,
          fields: 20,
          parts: 22,
          fileSize: limitBytes,
          fieldSize: Math.ceil((limitBytes * 4) / 3) + 16,
        },
      });
    } catch {
      reject(new ValidationFailed([{ field: 'body', rule: 'isMultipart' }]));
      return;
    }
    const fields: Record<string, string> = {};
    let file: Buffer | null = null;
    let failed: Error | null = null;
    const fail = (e: Error) => {
      failed ??= e;
    };
    parser.on('field', (name, value, info) => {
      if (!FIELD.test(name) || name in fields)
        fail(new ValidationFailed([{ field: name, rule: 'isField' }]));
      else if (info.valueTruncated) fail(new PayloadTooLarge());
      else fields[name] = value;
    });
    parser.on('file', (name, stream) => {
      const parts: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => parts.push(chunk));
      stream.on('limit', () => fail(new PayloadTooLarge()));
      stream.on('end', () => {
        if (name !== 'file') fail(new ValidationFailed([{ field: name, rule: 'isField' }]));
        else if (parts.length > 0) file = Buffer.concat(parts);
      });
    });
    parser.on('error', () => fail(new ValidationFailed([{ field: 'body', rule: 'isMultipart' }])));
    parser.on('close', () => (failed ? reject(failed) : resolve({ fields, file })));
    req.pipe(parser);
  });
}

/** A page's small multipart form, not read yet: `read` reads it (see readFormUpload). */
export interface PendingFormUpload {
  read(limitBytes: number): Promise<FormUpload>;
}

/** The route's multipart form as a PendingFormUpload: a parameter of a page upload handler. */
export const FormUploadBody = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): PendingFormUpload => {
    const req = ctx.switchToHttp().getRequest<IncomingMessage>();
    return { read: (limitBytes) => readFormUpload(req, limitBytes) };
  },
);
