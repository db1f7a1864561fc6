import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface StoredFile {
  sha256: string;
  size: number;
  /** True when identical content was already stored (it is stored once). */
  deduplicated: boolean;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Content-addressed file store under DATA_DIR/evidence: a file's path is derived from its SHA-256,
 * never from a client's file name. Writes go to a temporary name, are flushed, then renamed into
 * place, so a reader never sees half a file.
 */
export class EvidenceStore {
  readonly root: string;
  private readonly tmp: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'evidence');
    this.tmp = join(this.root, 'tmp');
  }

  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Stores bytes already in memory (seeds, small generated files). */
  async putBuffer(bytes: Buffer): Promise<StoredFile> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    if (await exists(target)) return { sha256, size: bytes.length, deduplicated: true };
    await mkdir(this.tmp, { recursive: true });
    const temp = join(this.tmp, `${randomUUID()}.part`);
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await this.commit(temp, target);
    return { sha256, size: bytes.length, deduplicated: false };
  }

  /** Moves a fully written and flushed temporary file into its content address. */
  async commit(tempPath: string, target: string): Promise<void> {
    await mkdir(join(target, '..'), { recursive: true });
    await rename(tempPath, target);
  }

  async has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }

  read(sha256: string): NodeJS.ReadableStream {
    return createReadStream(this.pathOf(sha256));
  }

  /** Removes temporary files a crash left behind; returns how many. */
  async sweepTemporary(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.tmp);
    } catch {
      return 0;
    }
    await Promise.all(names.map((n) => rm(join(this.tmp, n), { force: true })));
    return names.length;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
