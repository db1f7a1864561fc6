import { createHash } from 'node:crypto';

/** A rendered draft kept for serving again: its bytes, their strong ETag and when it was made. */
export interface CachedReport<T> {
  /** `"<sha256 of the bytes>"`: equal tags mean equal bytes. */
  etag: string;
  renderedAt: Date;
  file: T;
  size: number;
}

/**
 * The key of a draft: a digest of everything its bytes depend on (the kind and id of the report,
 * the language, the template version, the WITA day and the data's version stamp). Parts are
 * length-prefixed, so no two lists of parts give the same key.
 */
export function reportKey(parts: readonly (string | number | null)[]): string {
  const digest = createHash('sha256');
  for (const part of parts) {
    const text = part === null ? '\u0000null' : String(part);
    digest.update(`${Buffer.byteLength(text)}:${text};`);
  }
  return digest.digest('hex');
}

/** The strong ETag of a body: its SHA-256, quoted. */
export const etagOf = (body: Buffer): string =>
  `"${createHash('sha256').update(body).digest('hex')}"`;

/**
 * Rendered drafts by key, least recently used first out once their bytes pass `maxBytes`. An entry
 * is never invalidated in place: a change to the data gives a new key, and the old entry simply is
 * no longer asked for until eviction removes it.
 */
export class ReportCache<T> {
  private readonly entries = new Map<string, CachedReport<T>>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly maxEntries = 1000,
  ) {}

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  get(key: string): CachedReport<T> | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Keeps the entry unless it alone is larger than the whole cache; evicts the oldest to fit. */
  set(key: string, entry: CachedReport<T>): void {
    this.delete(key);
    if (entry.size > this.maxBytes || this.maxEntries < 1) return;
    this.entries.set(key, entry);
    this.bytes += entry.size;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes && this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
      this.bytes -= old.size;
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.size;
  }
}
