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

const startsWith = (head: Buffer, bytes: number[], offset = 0): boolean =>
  head.length >= offset + bytes.length && bytes.every((b, i) => head[offset + i] === b);

/**
 * Recognises a file from its first bytes (at least 4 KiB where the file has them). ZIP containers are
 * told apart by the names inside (OOXML) or the mimetype entry (OpenDocument). Returns null when
 * the content is not one of the allowed types.
 */
export function sniffMediaType(head: Buffer): AllowedMediaType | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    const latin = head.toString('latin1');
    if (latin.includes('mimetypeapplication/vnd.oasis.opendocument.text'))
      return 'application/vnd.oasis.opendocument.text';
    if (latin.includes('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) {
      return 'application/vnd.oasis.opendocument.spreadsheet';
    }
    if (latin.includes('word/'))
      return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (latin.includes('xl/'))
      return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return null;
  }
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
