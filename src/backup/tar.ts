import type { Readable, Writable } from 'node:stream';

/**
 * The ustar subset Mutu's backups need, written here rather than taken from a library: regular
 * files only, names under 100 bytes that Mutu chooses itself, sizes above 8 GiB in the GNU base-256
 * form. The reader is strict on purpose: anything else (links, devices, long-name extensions, a bad
 * header checksum, a short block) is refused, because a backup is only ever read by Mutu.
 */
export const BLOCK = 512;
const NAME_LENGTH = 100;
const OCTAL_SIZE_LIMIT = 8 ** 11;

export class TarFormatError extends Error {
  override name = 'TarFormatError';
}

/** The archive ended before its last block: cut off while copying or writing. */
export class TarTruncated extends TarFormatError {
  override name = 'TarTruncated';
}

export interface TarHeader {
  name: string;
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
  mode: number;
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(value.toString(8).padStart(length - 1, '0') + '\0', offset, length, 'ascii');
}

function writeSize(block: Buffer, value: number): void {
  if (value < OCTAL_SIZE_LIMIT) return writeOctal(block, 124, 12, value);
  // GNU base-256: high bit of the first byte set, the value big-endian in the rest.
  block.fill(0, 124, 136);
  block[124] = 0x80;
  let v = BigInt(value);
  for (let i = 135; i > 124; i--) {
    block[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

function headerChecksum(block: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i];
  return sum;
}

export function encodeHeader(header: TarHeader): Buffer {
  const name = Buffer.from(header.name, 'utf8');
  if (name.length === 0 || name.length >= NAME_LENGTH)
    throw new TarFormatError(`Member name must be 1–99 bytes: ${header.name}`);
  const block = Buffer.alloc(BLOCK);
  name.copy(block, 0);
  writeOctal(block, 100, 8, header.mode);
  writeOctal(block, 108, 8, 0); // uid
  writeOctal(block, 116, 8, 0); // gid
  writeSize(block, header.size);
  writeOctal(block, 136, 12, header.mtime);
  block[156] = 0x30; // '0': regular file
  block.write('ustar\x0000', 257, 8, 'ascii');
  writeOctal(block, 148, 7, headerChecksum(block));
  block[155] = 0x20;
  return block;
}

function readOctal(block: Buffer, offset: number, length: number): number {
  const text = block
    .toString('ascii', offset, offset + length)
    .replace(/[\0 ]+$/, '')
    .trim();
  if (!/^[0-7]*$/.test(text)) throw new TarFormatError('Damaged tar header (not octal)');
  return text ? parseInt(text, 8) : 0;
}

function readSize(block: Buffer): number {
  if ((block[124] & 0x80) === 0) return readOctal(block, 124, 12);
  let v = 0n;
  for (let i = 125; i < 136; i++) v = (v << 8n) | BigInt(block[i]);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new TarFormatError('Tar member too large');
  return Number(v);
}

/** Parses one header block; null for the zero block that ends an archive. */
export function decodeHeader(block: Buffer): TarHeader | null {
  if (block.every((b) => b === 0)) return null;
  if (readOctal(block, 148, 8) !== headerChecksum(block))
    throw new TarFormatError('Damaged tar header (checksum)');
  if (block.toString('ascii', 257, 262) !== 'ustar')
    throw new TarFormatError('Not a ustar archive');
  const type = block[156];
  if (type !== 0x30 && type !== 0)
    throw new TarFormatError(`Unexpected tar member type ${String.fromCharCode(type)}`);
  const end = block.indexOf(0, 0);
  const name = block.toString('utf8', 0, end < 0 || end > NAME_LENGTH ? NAME_LENGTH : end);
  if (block[345] !== 0) throw new TarFormatError('Unexpected tar name prefix');
  return {
    name,
    size: readSize(block),
    mtime: readOctal(block, 136, 12),
    mode: readOctal(block, 100, 8),
  };
}

const padding = (size: number): number => (BLOCK - (size % BLOCK)) % BLOCK;

async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (out.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const onDrain = (): void => {
      out.off('error', onError);
      resolve();
    };
    const onError = (error: Error): void => {
      out.off('drain', onDrain);
      reject(error);
    };
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}

/** Writes members one after the other into a stream (a gzip stream, usually), honouring back-pressure. */
export class TarWriter {
  constructor(private readonly out: Writable) {}

  /**
   * One member whose size is known before its bytes are read; `body` must yield exactly that many
   * bytes (a file that grows or shrinks while it is archived is an error, not a silent cut).
   */
  async add(
    header: TarHeader,
    body: AsyncIterable<Buffer> | Iterable<Buffer>,
    onChunk: (chunk: Buffer) => void = () => undefined,
  ): Promise<void> {
    await write(this.out, encodeHeader(header));
    let written = 0;
    for await (const chunk of body) {
      written += chunk.length;
      if (written > header.size)
        throw new TarFormatError(`${header.name} grew while it was archived`);
      onChunk(chunk);
      await write(this.out, chunk);
    }
    if (written !== header.size)
      throw new TarFormatError(`${header.name} shrank while it was archived`);
    const pad = padding(header.size);
    if (pad) await write(this.out, Buffer.alloc(pad));
  }

  /** The two zero blocks that end an archive. */
  async finish(): Promise<void> {
    await write(this.out, Buffer.alloc(BLOCK * 2));
  }
}

/** Exact-length reads from a stream of chunks. */
class ByteReader {
  private buffered: Buffer[] = [];
  private length = 0;
  private readonly source: AsyncIterator<Buffer>;
  private ended = false;

  constructor(source: AsyncIterable<Buffer>) {
    this.source = source[Symbol.asyncIterator]();
  }

  private async fill(n: number): Promise<boolean> {
    while (this.length < n && !this.ended) {
      const next = await this.source.next();
      if (next.done) this.ended = true;
      else {
        this.buffered.push(next.value);
        this.length += next.value.length;
      }
    }
    return this.length >= n;
  }

  /** Exactly n bytes, or TarTruncated. */
  async exact(n: number): Promise<Buffer> {
    if (!(await this.fill(n))) throw new TarTruncated('The archive is truncated');
    const all = this.buffered.length === 1 ? this.buffered[0] : Buffer.concat(this.buffered);
    this.buffered = all.length > n ? [all.subarray(n)] : [];
    this.length = all.length - n;
    return all.subarray(0, n);
  }

  /** `state.left` bytes in pieces as they arrive; `state.left` counts down as they are taken. */
  async *pieces(state: { left: number }): AsyncGenerator<Buffer> {
    while (state.left > 0) {
      const left = state.left;
      if (this.length === 0 && !(await this.fill(1)))
        throw new TarTruncated('The archive is truncated');
      const head = this.buffered[0];
      if (head.length <= left) {
        this.buffered.shift();
        this.length -= head.length;
        state.left -= head.length;
        yield head;
      } else {
        this.buffered[0] = head.subarray(left);
        this.length -= left;
        state.left = 0;
        yield head.subarray(0, left);
      }
    }
  }
}

/**
 * Reads an archive member by member. `onMember` gets the header and the body's bytes; it must
 * consume the body (or not: what it leaves is skipped). Ends at the archive's zero block; a stream
 * that ends before it is TarTruncated.
 */
export async function readTar(
  source: Readable | AsyncIterable<Buffer>,
  onMember: (header: TarHeader, body: AsyncIterable<Buffer>) => Promise<void>,
): Promise<void> {
  const reader = new ByteReader(source as AsyncIterable<Buffer>);
  for (;;) {
    const header = decodeHeader(await reader.exact(BLOCK));
    if (!header) return;
    const state = { left: header.size };
    await onMember(header, reader.pieces(state));
    // Whatever the callback left unread (a loop that broke off closes its generator), then the padding.
    for await (const piece of reader.pieces(state)) void piece;
    const pad = padding(header.size);
    if (pad) await reader.exact(pad);
  }
}
