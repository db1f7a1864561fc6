import type { Request, Response } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { contentDisposition } from './file-name.js';

/** A stored file ready to be sent: its facts from the database and a way to read its bytes. */
export interface FileDownload {
  sha256: string;
  size: number;
  /** Sniffed at upload; sent as is, never guessed again by the browser (nosniff). */
  mediaType: string;
  /** The uploader's name for the file; cleaned again for the header. */
  fileName: string;
  open(): Readable;
}

const ifNoneMatch = (header: string | undefined, etag: string): boolean =>
  header !== undefined &&
  header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });

/**
 * Sends a stored file as an attachment. The content address is the ETag, so a client that has
 * the bytes already gets 304 without them.
 */
export async function sendDownload(req: Request, res: Response, file: FileDownload): Promise<void> {
  const etag = `"${file.sha256}"`;
  res.setHeader('Content-Type', file.mediaType);
  res.setHeader('Content-Disposition', contentDisposition(file.fileName));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  if (ifNoneMatch(req.headers['if-none-match'], etag)) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Length', String(file.size));
  res.status(200);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    await pipeline(file.open(), res);
  } catch (error) {
    // A client that goes away mid-download is not a server error; anything else is.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
  }
}
