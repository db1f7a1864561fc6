import type { Request, Response } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { contentDisposition } from './file-name.js';
import type { AllowedMediaType } from './media-type.js';

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

/** A raster image shown on its own: the image may load itself and the viewer's inline styles. */
const IMAGE_POLICY =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox";
/**
 * A PDF: the same lock-down, without `sandbox`. Checked in headless Chromium 156: a PDF shows in a
 * same-origin iframe and on its own with or without `sandbox` here, because Chromium drops the CSP
 * of a PDF response altogether (only an iframe's sandbox attribute makes it refuse a PDF), so
 * `sandbox` would protect nothing there; Safari is reported to show a blank page for a PDF under
 * it. Older Chromium (reported for Chrome 77) applied the policy to its PDF page, a plugin
 * (object-src) styled inline: hence object-src and style-src. plugin-types is no longer part of CSP nor known to browsers.
 */
const PDF_POLICY =
  "default-src 'none'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";

/**
 * The sniffed types a browser may show in place, with the policy that the file's own response
 * carries. Each is drawn by the browser's own image decoder or PDF viewer, never as a document
 * of ours: no SVG, HTML or text, which could run script or be read as markup.
 */
const INLINE_POLICIES: Partial<Record<AllowedMediaType, string>> = {
  'application/pdf': PDF_POLICY,
  'image/png': IMAGE_POLICY,
  'image/jpeg': IMAGE_POLICY,
  'image/webp': IMAGE_POLICY,
};

/** The Content-Security-Policy to show a file of this type in place, or null: download it. */
export function inlinePolicy(mediaType: string): string | null {
  return Object.hasOwn(INLINE_POLICIES, mediaType)
    ? (INLINE_POLICIES[mediaType as AllowedMediaType] ?? null)
    : null;
}

/**
 * Sends a stored file as an attachment or, when asked and its sniffed type allows it (PDF or a
 * raster image), inline under a policy of its own. The content address is the ETag, so a client
 * that has the bytes already gets 304 without them.
 */
export async function sendDownload(
  req: Request,
  res: Response,
  file: FileDownload,
  options: { inline?: boolean } = {},
): Promise<void> {
  const etag = `"${file.sha256}"`;
  const policy = options.inline ? inlinePolicy(file.mediaType) : null;
  res.setHeader('Content-Type', file.mediaType);
  res.setHeader(
    'Content-Disposition',
    contentDisposition(file.fileName, policy ? 'inline' : 'attachment'),
  );
  if (policy) res.setHeader('Content-Security-Policy', policy);
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
