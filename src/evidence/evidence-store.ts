import { createHash } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sweepTemporaryFiles, temporaryFileName } from '../common/sweep-temp.js';

export interface StoredFile {
  sha256: string;
  size: number;
  /** True when identical content was already stored (it is stored once). */
  deduplicated: boolean;
}

/** A file written and flushed under tmp/ but not yet in the store: commit() or discard() it. */
export interface PendingFile {
  tempPath: string;
  sha256: string;
  size: number;
  /** The first bytes of the file (4 KiB unless the file is shorter), for sniffing its type. */
  head: Buffer;
}

export interface PutStreamOptions {
  /** Most bytes accepted; one byte more aborts the write with FileTooLarge. */
  limitBytes?: number;
  /** How many leading bytes to keep as `head`. */
  headBytes?: number;
  /**
   * Looks at the head as soon as it is complete (or at the end of a shorter file); throwing aborts
   * (or rejecting) aborts the write, so a refused type is refused before the rest of the file is
   * written; nothing more is read while a returned promise is pending.
   */
  checkHead?: (head: Buffer) => unknown;
}

/** The stream carried more bytes than the limit allows. */
export class FileTooLarge extends Error {
  override name = 'FileTooLarge';
  constructor(readonly limitBytes: number) {
    super(`File larger than ${limitBytes} bytes`);
  }
}

export const HEAD_BYTES = 4096;
const SHA256 = /^[0-9a-f]{64}$/;
const WRITE_CHUNK = 1024 * 1024;

/** Hashes, counts and keeps the head of the bytes flowing through, enforcing the size limit. */
class Meter extends Transform {
  private readonly hash = createHash('sha256');
  private readonly headParts: Buffer[] = [];
  private headLength = 0;
  private headChecked = false;
  size = 0;

  constructor(
    private readonly limitBytes: number,
    private readonly headBytes: number,
    private readonly checkHead: ((head: Buffer) => unknown) | undefined,
  ) {
    super({ highWaterMark: WRITE_CHUNK });
  }

  get head(): Buffer {
    return Buffer.concat(this.headParts, this.headLength);
  }

  get sha256(): string {
    return this.hash.digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.limitBytes) return done(new FileTooLarge(this.limitBytes));
    this.hash.update(chunk);
    if (this.headLength < this.headBytes) {
      const part = Buffer.from(chunk.subarray(0, this.headBytes - this.headLength));
      this.headParts.push(part);
      this.headLength += part.length;
    }
    if (!this.headChecked && this.headLength >= this.headBytes) return this.judgeHead(done, chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.headChecked) return done(null);
    this.judgeHead(done);
  }

  /** Passes `chunk` on once checkHead accepts the head (at once when it answers synchronously). */
  private judgeHead(done: TransformCallback, chunk?: Buffer): void {
    this.headChecked = true;
    const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));
    let verdict: unknown;
    try {
      verdict = this.checkHead?.(this.head);
    } catch (error) {
      return done(asError(error));
    }
    if (verdict instanceof Promise)
      verdict.then(
        () => done(null, chunk),
        (error: unknown) => done(asError(error)),
      );
    else done(null, chunk);
  }
}

export interface ContentStoreOptions {
  /** Sharded (root/ab/cd/<sha256>, the default: many files) or flat (root/<sha256>: few files). */
  layout?: 'sharded' | 'flat';
  /** Appended to every stored file's name, e.g. '.pdf'. */
  extension?: string;
}

/**
 * Content-addressed file store: a file's path is derived from its SHA-256, never from a client's
 * file name. Every write goes the same way: streamed into tmp/ while hashed, flushed to disk, then
 * renamed into its content address and the directory flushed, so a reader never sees half a file
 * and a crash leaves at most a temporary file for sweepTemporary().
 */
export class ContentStore {
  readonly tmpDir: string;

  constructor(
    readonly root: string,
    private readonly options: ContentStoreOptions = {},
  ) {
    this.tmpDir = join(root, 'tmp');
  }

  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    const name = `${sha256}${this.options.extension ?? ''}`;
    return this.options.layout === 'flat'
      ? join(this.root, name)
      : join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), name);
  }

  /** Stores bytes already in memory (seeds, small generated files). */
  async putBuffer(bytes: Buffer): Promise<StoredFile> {
    return this.commit(await this.putStream(Readable.from([bytes])));
  }

  /**
   * Streams into a new temporary file, hashing and counting on the way, and flushes it to disk.
   * On any failure (the source's error, the limit, checkHead) the temporary file is removed
   * before the promise rejects.
   */
  async putStream(source: Readable, options: PutStreamOptions = {}): Promise<PendingFile> {
    await mkdir(this.tmpDir, { recursive: true });
    const tempPath = join(this.tmpDir, temporaryFileName());
    const meter = new Meter(
      options.limitBytes ?? Number.POSITIVE_INFINITY,
      options.headBytes ?? HEAD_BYTES,
      options.checkHead,
    );
    const handle = await open(tempPath, 'wx');
    try {
      // flush: fsync before the stream closes the file, so the bytes are on disk before a rename.
      await pipeline(
        source,
        meter,
        handle.createWriteStream({ flush: true, highWaterMark: WRITE_CHUNK }),
      );
    } catch (error) {
      // pipeline settles after the file stream has closed the handle.
      await rm(tempPath, { force: true });
      throw error;
    }
    return { tempPath, sha256: meter.sha256, size: meter.size, head: meter.head };
  }

  /**
   * Moves a pending file into its content address. Identical content already stored (and intact)
   * is kept and the temporary file dropped; a damaged copy at that address is replaced.
   */
  async commit(pending: PendingFile): Promise<StoredFile> {
    const { sha256, size } = pending;
    const target = this.pathOf(sha256);
    const existing = await this.digest(sha256);
    if (existing && existing.sha256 === sha256 && existing.size === size) {
      await rm(pending.tempPath, { force: true });
      return { sha256, size, deduplicated: true };
    }
    const created = await mkdir(dirname(target), { recursive: true });
    await rename(pending.tempPath, target);
    await syncDirectory(dirname(target));
    // Each folder mkdir created is a new entry in its parent: flush those parents too.
    if (created)
      for (let dir = dirname(target); dir !== dirname(created); dir = dirname(dir))
        await syncDirectory(dirname(dir));
    return { sha256, size, deduplicated: false };
  }

  /** Drops a pending file that will not be committed (no-op once committed). */
  async discard(pending: Pick<PendingFile, 'tempPath'>): Promise<void> {
    await rm(pending.tempPath, { force: true });
  }

  async has(sha256: string): Promise<boolean> {
    return (await sizeOf(this.pathOf(sha256))) !== null;
  }

  /** Size on disk of the file at this address, or null when it is missing. */
  async sizeOf(sha256: string): Promise<number | null> {
    return sizeOf(this.pathOf(sha256));
  }

  read(sha256: string): ReadStream {
    return createReadStream(this.pathOf(sha256), { highWaterMark: WRITE_CHUNK });
  }

  /** Re-reads the file stored at this address and hashes what is really there; null when missing. */
  async digest(sha256: string): Promise<{ sha256: string; size: number } | null> {
    const path = this.pathOf(sha256);
    if ((await sizeOf(path)) === null) return null;
    const hash = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of createReadStream(path, { highWaterMark: WRITE_CHUNK })) {
        const bytes = chunk as Buffer;
        size += bytes.length;
        hash.update(bytes);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return { sha256: hash.digest('hex'), size };
  }

  /**
   * Removes temporary files a crash left behind, those untouched for over an hour: another
   * instance on the same volume may be writing a younger one. Returns how many.
   */
  sweepTemporary(options?: { maxAgeMs?: number; now?: Date }): Promise<number> {
    return sweepTemporaryFiles(this.tmpDir, options);
  }
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Makes a rename or a new entry in the directory durable (POSIX; Windows cannot open a directory). */
async function syncDirectory(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const dir = await open(path, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** The evidence files, under DATA_DIR/evidence/ab/cd/<sha256>. */
export class EvidenceStore extends ContentStore {
  constructor(dataDir: string) {
    super(join(dataDir, 'evidence'));
  }
}
