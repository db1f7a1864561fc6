import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import {
  BackupRefused,
  checkMembers,
  HEAD_NAME,
  isMemberPath,
  MANIFEST_NAME,
  parseHead,
  parseManifest,
  type BackupHead,
  type Manifest,
  type ManifestMember,
} from './manifest.js';
import { readTar, TarFormatError, TarTruncated, TarWriter, type TarHeader } from './tar.js';

export type Compression = 'gzip' | 'zstd';

type ZstdZlib = { createZstdCompress?: () => Transform; createZstdDecompress?: () => Transform };
const zstd = zlib as unknown as ZstdZlib;

/** zstd is in node:zlib from Node 22.15 / 23.8; Node 20 has only gzip. */
export const zstdAvailable = (): boolean =>
  typeof zstd.createZstdCompress === 'function' && typeof zstd.createZstdDecompress === 'function';

const NO_ZSTD = (): string =>
  `This Node (${process.version}) has no zstd in node:zlib (it arrived in Node 22.15): write a .tar.gz instead`;

/** The compression an output file name asks for: .tar.gz / .tgz, or .tar.zst where Node has zstd. */
export function compressionFor(path: string): Compression {
  if (/\.(tar\.gz|tgz)$/i.test(path)) return 'gzip';
  if (/\.tar\.zst$/i.test(path)) {
    if (!zstdAvailable()) throw new BackupRefused(NO_ZSTD());
    return 'zstd';
  }
  throw new BackupRefused(`The backup file must end in .tar.gz (or .tar.zst): ${path}`);
}

function compressor(compression: Compression): Transform {
  return compression === 'zstd' ? zstd.createZstdCompress!() : zlib.createGzip();
}

async function decompressorFor(path: string): Promise<Transform> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new BackupRefused(
      error.code === 'ENOENT' ? `No such file: ${path}` : `Cannot read ${path}: ${error.message}`,
    );
  });
  const magic = Buffer.alloc(4);
  try {
    await handle.read(magic, 0, 4, 0);
  } finally {
    await handle.close();
  }
  if (magic[0] === 0x1f && magic[1] === 0x8b) return zlib.createGunzip();
  if (magic.readUInt32LE(0) === 0xfd2fb528) {
    if (!zstdAvailable()) throw new BackupRefused(NO_ZSTD().replace('write', 'restore'));
    return zstd.createZstdDecompress!();
  }
  throw new BackupRefused(`Not a Mutu backup (neither gzip nor zstd): ${path}`);
}

/** Streams a file's bytes as Buffers. */
export async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }))
    yield chunk as Buffer;
}

export interface ByteProgress {
  bytes: number;
  totalBytes: number;
}

/** Writes a compressed archive; members are added in order and hashed on the way. */
export class ArchiveWriter {
  readonly members: ManifestMember[] = [];
  private readonly compress: Transform;
  private readonly tar: TarWriter;
  private readonly done: Promise<void>;
  bytes = 0;

  constructor(path: string, compression: Compression) {
    this.compress = compressor(compression);
    this.tar = new TarWriter(this.compress);
    this.done = pipeline(this.compress, createWriteStream(path, { flags: 'wx', flush: true }));
    // A failure surfaces through `done`; keep it from being reported as unhandled meanwhile.
    this.done.catch(() => undefined);
  }

  async add(
    name: string,
    size: number,
    body: AsyncIterable<Buffer>,
    onProgress?: (bytes: number) => void,
  ): Promise<ManifestMember> {
    const hash = createHash('sha256');
    const header: TarHeader = { name, size, mode: 0o600, mtime: Math.floor(Date.now() / 1000) };
    await Promise.race([
      this.tar.add(header, body, (chunk) => {
        hash.update(chunk);
        this.bytes += chunk.length;
        onProgress?.(this.bytes);
      }),
      this.done,
    ]);
    const member = { path: name, size, sha256: hash.digest('hex') };
    this.members.push(member);
    return member;
  }

  async addJson(name: string, value: unknown): Promise<void> {
    const bytes = Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
    const header: TarHeader = {
      name,
      size: bytes.length,
      mode: 0o600,
      mtime: Math.floor(Date.now() / 1000),
    };
    await this.tar.add(header, [bytes]);
  }

  async finish(): Promise<void> {
    await this.tar.finish();
    this.compress.end();
    await this.done;
  }

  destroy(): void {
    this.compress.destroy();
  }
}

function refusalOf(error: unknown): unknown {
  if (error instanceof BackupRefused) return error;
  if (error instanceof TarTruncated)
    return new BackupRefused('The archive is truncated (it ends before its manifest)');
  if (error instanceof TarFormatError)
    return new BackupRefused(`The archive is damaged: ${error.message}`);
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(e.message ?? ''))
    return new BackupRefused('The archive is truncated (the compressed stream ends early)');
  if (typeof e.code === 'string' && e.code.startsWith('Z_'))
    return new BackupRefused(`The archive is damaged (${e.message})`);
  if (typeof e.code === 'string' && e.code.startsWith('ERR__ZSTD'))
    return new BackupRefused(`The archive is damaged (${e.message})`);
  return error;
}

/**
 * Reads an archive through: the head first, every member handed to `onMember` (with its bytes),
 * the manifest last. Damage, truncation and foreign members are BackupRefused with one line.
 */
export async function readArchive(
  path: string,
  onMember: (member: { path: string; size: number }, body: AsyncIterable<Buffer>) => Promise<void>,
  onProgress: (p: ByteProgress) => void = () => undefined,
): Promise<{ head: BackupHead; manifestBytes: Buffer }> {
  const decompress = await decompressorFor(path);
  const { size: totalBytes } = await stat(path);
  const source: Readable = createReadStream(path, { highWaterMark: 1024 * 1024 });
  let bytes = 0;
  source.on('data', (chunk: Buffer) => onProgress({ bytes: (bytes += chunk.length), totalBytes }));
  source.on('error', (error) => decompress.destroy(error));
  source.pipe(decompress);
  let head: BackupHead | undefined;
  let manifestBytes: Buffer | undefined;
  try {
    await readTar(decompress, async (header, body) => {
      if (manifestBytes) throw new BackupRefused(`${header.name} follows the manifest`);
      if (!head) {
        if (header.name !== HEAD_NAME) throw new BackupRefused(`Not a Mutu backup: ${path}`);
        head = parseHead(await smallMember(header, body));
      } else if (header.name === MANIFEST_NAME) {
        manifestBytes = await smallMember(header, body);
      } else if (!isMemberPath(header.name)) {
        throw new BackupRefused(`The archive holds an unexpected member: ${header.name}`);
      } else {
        await onMember({ path: header.name, size: header.size }, body);
      }
    });
  } catch (error) {
    throw refusalOf(error);
  } finally {
    source.destroy();
    decompress.destroy();
  }
  if (!head) throw new BackupRefused(`The archive is empty: ${path}`);
  if (!manifestBytes)
    throw new BackupRefused('The archive is truncated (it ends before its manifest)');
  return { head, manifestBytes };
}

const SMALL_LIMIT = 64 * 1024 * 1024;

async function smallMember(header: TarHeader, body: AsyncIterable<Buffer>): Promise<Buffer> {
  if (header.size > SMALL_LIMIT) throw new BackupRefused(`${header.name} is implausibly large`);
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(chunk);
  return Buffer.concat(parts);
}

/** Hashes a member's bytes while passing them on (or just hashes them when nothing consumes them). */
export async function hashBody(
  body: AsyncIterable<Buffer>,
  onChunk: (chunk: Buffer) => void = () => undefined,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of body) {
    hash.update(chunk);
    size += chunk.length;
    onChunk(chunk);
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * `backup --verify` and the first pass of `restore`: reads every byte of the archive, hashes each
 * member and checks the lot against the manifest. Writes nothing.
 */
export async function inspectArchive(
  path: string,
  knownMigrations: string[],
  onProgress: (p: ByteProgress) => void = () => undefined,
): Promise<Manifest> {
  const seen: ManifestMember[] = [];
  const { head, manifestBytes } = await readArchive(
    path,
    async (member, body) => {
      seen.push({ path: member.path, ...(await hashBody(body)) });
    },
    onProgress,
  );
  const manifest = parseManifest(manifestBytes, head);
  checkMembers(manifest, seen, knownMigrations);
  return manifest;
}
