import busboy from 'busboy';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { ValidationFailed } from '../common/domain-error.js';
import { FileTooLarge, type EvidenceStore, type PendingFile } from './evidence-store.js';
import { sanitiseFileName } from './file-name.js';
import { sniffMediaType, type AllowedMediaType } from './media-type.js';
import {
  FileTypeRefused,
  MalformedUpload,
  MultipartRequired,
  TooManyParts,
  UploadAborted,
  UploadTooLarge,
} from './upload-errors.js';

/** An uploaded file in the store's tmp/, with what is known about it; commit or discard it. */
export interface ReceivedFile extends PendingFile {
  /** The client's name for the file, cleaned: metadata only. */
  originalName: string;
  /** Sniffed from the bytes, never taken from the client. */
  mediaType: AllowedMediaType;
}

export interface Upload {
  /** Text fields; fields listed in `listFields` are arrays, the others single strings. */
  fields: Record<string, string | string[]>;
  file: ReceivedFile | null;
}

export interface UploadOptions {
  store: EvidenceStore;
  limitBytes: number;
  /** The one field that may carry a file. */
  fileField: string;
  /** Fields that may repeat (collected into a list); any other field given twice is refused. */
  listFields?: readonly string[];
}

const LIMITS = { fields: 40, fieldSize: 64 * 1024, parts: 50, headerPairs: 20 } as const;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** How long a refused upload may keep sending (discarded) before its connection is closed. */
const LINGER_MS = 5_000;
const STREAM_BUFFER = 1024 * 1024;

export function isMultipart(req: IncomingMessage): boolean {
  return /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '');
}

/**
 * Reads a multipart/form-data request as it arrives: text fields into memory (small, limited), the
 * one file streamed through the store's hashing writer into tmp/, never held whole. The size limit
 * and the file type are enforced while the bytes stream in: the promise rejects as soon as either
 * is crossed, the partial file already removed, and the rest of the body is discarded.
 */
export function receiveUpload(req: IncomingMessage, options: UploadOptions): Promise<Upload> {
  if (!isMultipart(req)) return Promise.reject(new MultipartRequired());
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      preservePath: true,
      defParamCharset: 'utf8',
      // Fewer, larger hand-overs on the way to disk (the default is 16 KiB).
      highWaterMark: STREAM_BUFFER,
      fileHwm: STREAM_BUFFER,
      // busboy reports 'limit' on reaching fileSize: one byte more than we allow.
      limits: { ...LIMITS, files: 2, fileSize: options.limitBytes + 1 },
    });
  } catch {
    return Promise.reject(new MalformedUpload());
  }

  return new Promise<Upload>((resolve, reject) => {
    const values = new Map<string, string[]>();
    let upload: Promise<ReceivedFile | null> | null = null;
    let fileStream: Readable | null = null;
    let failure: Error | null = null;
    let concluding = false;

    const conclude = (): void => {
      if (concluding) return;
      concluding = true;
      void (async () => {
        // Wait for the file to be flushed, or for its temporary copy to be removed.
        const file = upload ? await upload : null;
        if (failure) {
          if (file) await options.store.discard(file);
          reject(failure);
          return;
        }
        try {
          resolve({ fields: collectFields(values, options.listFields ?? []), file });
        } catch (error) {
          if (file) await options.store.discard(file);
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      })();
    };

    const fail = (error: Error): void => {
      if (failure) return;
      failure = error;
      stopReading(req, parser);
      if (fileStream && !fileStream.readableEnded) fileStream.destroy(error);
      conclude();
    };

    const discard = (stream: Readable): void => {
      stream.on('error', () => undefined);
      stream.resume();
    };

    parser.on('file', (name, stream, info) => {
      if (failure) {
        discard(stream);
        return;
      }
      if (name !== options.fileField || upload) {
        discard(stream);
        fail(
          new ValidationFailed([
            { field: name, rule: name === options.fileField ? 'singleFile' : 'unexpectedFile' },
          ]),
        );
        return;
      }
      fileStream = stream;
      // Its errors reach putStream's pipeline; one after the pipeline is done is of no interest.
      stream.on('error', () => undefined);
      const named = Boolean(info.filename);
      let mediaType: AllowedMediaType | null = null;
      stream.once('limit', () => fail(new UploadTooLarge(options.limitBytes)));
      upload = options.store
        .putStream(stream, {
          limitBytes: options.limitBytes,
          checkHead: async (head) => {
            if (head.length === 0) {
              // A form's file input left empty sends an unnamed empty part: that is "no file".
              if (named) throw new ValidationFailed([{ field: name, rule: 'fileEmpty' }]);
              return;
            }
            mediaType = await sniffMediaType(head);
            if (!mediaType) throw new FileTypeRefused();
          },
        })
        .then(async (pending): Promise<ReceivedFile | null> => {
          if (pending.size === 0 || !mediaType) {
            await options.store.discard(pending);
            return null;
          }
          return { ...pending, originalName: sanitiseFileName(info.filename), mediaType };
        })
        .catch((error: unknown) => {
          fail(
            error instanceof FileTooLarge
              ? new UploadTooLarge(options.limitBytes)
              : error instanceof Error
                ? error
                : new Error(String(error)),
          );
          return null;
        });
    });

    parser.on('field', (name, value, info) => {
      // A page's form may carry its CSRF token as a field too; the guard has read the header.
      if (failure || name === '_csrf') return;
      if (info.nameTruncated || !FIELD_NAME.test(name)) {
        fail(new ValidationFailed([{ field: name.slice(0, 64), rule: 'whitelistValidation' }]));
      } else if (info.valueTruncated) {
        fail(new ValidationFailed([{ field: name, rule: 'maxLength' }]));
      } else if (name === options.fileField) {
        fail(new ValidationFailed([{ field: name, rule: 'notAFile' }]));
      } else {
        values.set(name, [...(values.get(name) ?? []), value]);
      }
    });

    const tooMany = (): void => fail(new TooManyParts());
    parser.on('partsLimit', tooMany);
    parser.on('fieldsLimit', tooMany);
    parser.on('filesLimit', tooMany);
    parser.on('error', () => fail(new MalformedUpload()));
    parser.on('close', () => {
      if (!failure) conclude();
    });
    req.on('error', () => fail(new UploadAborted()));
    req.on('close', () => {
      if (!req.complete) fail(new UploadAborted());
    });
    req.pipe(parser);
  });
}

function collectFields(
  values: Map<string, string[]>,
  listFields: readonly string[],
): Upload['fields'] {
  const fields: Upload['fields'] = {};
  const repeated: string[] = [];
  for (const [name, list] of values) {
    if (listFields.includes(name)) fields[name] = list;
    else if (list.length > 1) repeated.push(name);
    else fields[name] = list[0];
  }
  if (repeated.length)
    throw new ValidationFailed(repeated.map((field) => ({ field, rule: 'repeated' })));
  return fields;
}

/**
 * Stops parsing after a refusal and discards the rest of the body, so that the client can read
 * the answer instead of finding its connection reset in mid-send. A client that keeps sending for
 * long after the answer has gone out is cut off.
 */
function stopReading(req: IncomingMessage, parser: busboy.Busboy): void {
  // Not parser.destroy(): this may run inside one of its events, and it is idle once unpiped.
  req.unpipe(parser);
  if (req.complete) return;
  req.resume();
  const res = (req as IncomingMessage & { res?: ServerResponse }).res;
  const cutOff = (): void => {
    if (req.complete) return;
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
    timer.unref();
    req.once('end', () => clearTimeout(timer));
  };
  if (res && !res.writableFinished) res.once('finish', cutOff);
  else cutOff();
}
