/**
 * A client's file name is metadata only: it is cleaned here before it is stored and cleaned again
 * (for the header grammar) when it is sent back. It never becomes a path; the store names files by
 * their SHA-256.
 */

export const FALLBACK_FILE_NAME = 'file';
const MAX_LENGTH = 255;
const MAX_EXTENSION = 16;

/**
 * Control and format characters (including the bidirectional overrides that can disguise
 * "invoice\u202Efdp.exe" as "invoiceexe.pdf") and lone surrogates.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;

/**
 * Keeps the last segment of a client's file name (browsers of old sent full Windows paths),
 * without control or format characters, leading dots, or surrounding spaces; at most 255
 * characters with the extension kept. Never returns an empty name, "." or "..".
 */
export function sanitiseFileName(raw: string | undefined | null): string {
  const segments = (raw ?? '').normalize('NFC').split(/[/\\]/);
  const last = segments[segments.length - 1] ?? '';
  const cleaned = last
    .replace(INVISIBLE, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^[.\s]+/u, '')
    .replace(/[.\s]+$/u, '');
  if (!cleaned) return FALLBACK_FILE_NAME;
  return truncateKeepingExtension(cleaned, MAX_LENGTH);
}

function truncateKeepingExtension(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (extension.length > 1 && extension.length <= MAX_EXTENSION) {
    const stem = chars.slice(0, chars.length - extension.length);
    return stem
      .slice(0, max - extension.length)
      .join('')
      .trimEnd()
      .concat(extension.join(''));
  }
  return chars.slice(0, max).join('').trimEnd();
}

/** RFC 5987 attr-char: what may stand unescaped in filename*=UTF-8''… */
const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

function encodeExtValue(value: string): string {
  let out = '';
  for (const ch of value) {
    if (ATTR_CHAR.test(ch)) {
      out += ch;
    } else {
      for (const byte of Buffer.from(ch, 'utf8'))
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}

/**
 * The plain-ASCII stand-in for clients that do not read filename*: accents dropped
 * ("Notulen Rapat Tinjauan – Déc.pdf" → "Notulen Rapat Tinjauan _ Dec.pdf"), anything else outside
 * printable ASCII, and the characters that quoted-string and some browsers treat specially
 * (" \ %), replaced by "_".
 */
export function asciiFileName(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_')
    .trim();
  return ascii.replace(/^\.+/, '') || FALLBACK_FILE_NAME;
}

/**
 * Content-Disposition for a download (RFC 6266): `attachment` (or `inline`, for a file the browser
 * may show in place), an ASCII `filename` fallback and the exact name as `filename*=UTF-8''…`
 * (RFC 5987), from a name cleaned by sanitiseFileName first.
 */
export function contentDisposition(
  fileName: string,
  type: 'attachment' | 'inline' = 'attachment',
): string {
  const name = sanitiseFileName(fileName);
  return `${type}; filename="${asciiFileName(name)}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
