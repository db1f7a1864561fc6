import { fileTypeFromBuffer } from 'file-type';

/** Media types Mutu accepts as evidence, recognised from the file's first bytes, never from its name. */
export const ALLOWED_MEDIA_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'text/csv',
  'text/plain',
] as const;
export type AllowedMediaType = (typeof ALLOWED_MEDIA_TYPES)[number];

const BINARY_TYPES: ReadonlySet<string> = new Set(
  ALLOWED_MEDIA_TYPES.filter((t) => t !== 'text/csv' && t !== 'text/plain'),
);

/**
 * Recognises a file from its first bytes (4 KiB where the file has them). The binary formats are
 * told by `file-type`, which reads an archive's `[Content_Types].xml` or `mimetype` entry rather than
 * guessing from names inside it: a plain ZIP is a ZIP whatever folders it holds. Whatever it
 * recognises that is not allowed (a plain ZIP, an executable, …) is refused; what it does not
 * recognise (or takes for XML, which is text) is accepted only as UTF-8 text (CSV when the lines split evenly). Returns null when the
 * content is not one of the allowed types.
 */
export async function sniffMediaType(head: Buffer): Promise<AllowedMediaType | null> {
  if (head.length === 0) return null;
  let detected: string | undefined;
  try {
    detected = (await fileTypeFromBuffer(head))?.mime;
  } catch {
    // A malformed container (a truncated archive, a header that lies) is no allowed type.
    return null;
  }
  if (detected && detected !== 'application/xml')
    return BINARY_TYPES.has(detected) ? (detected as AllowedMediaType) : null;
  return looksLikeText(head) ? (looksLikeCsv(head) ? 'text/csv' : 'text/plain') : null;
}

function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  // Valid UTF-8 without NUL or other control bytes than tab, CR, LF and form feed.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  const cut = head.length >= 4096 ? text.slice(0, -4) : text; // a multi-byte char may be split at the end
  if (cut.includes('\ufffd')) return false;
  for (const ch of cut) {
    const code = ch.charCodeAt(0);
    if ((code < 0x20 && ![0x09, 0x0a, 0x0c, 0x0d].includes(code)) || code === 0x7f) return false;
  }
  return true;
}

function looksLikeCsv(head: Buffer): boolean {
  const lines = head
    .toString('utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .slice(0, 10);
  if (lines.length < 2) return false;
  for (const sep of [',', ';', '\t']) {
    const counts = lines.map((l) => l.split(sep).length - 1);
    if (counts[0] > 0 && counts.every((c) => c === counts[0])) return true;
  }
  return false;
}
