import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { EvidenceStore, FileTooLarge } from './evidence-store.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('EvidenceStore', () => {
  let dataDir: string;
  let store: EvidenceStore;
  const tmpFiles = (): string[] => (existsSync(store.tmpDir) ? readdirSync(store.tmpDir) : []);

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'mutu-store-'));
    store = new EvidenceStore(dataDir);
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('streams into tmp/ while hashing, then commits under the content address', async () => {
    const bytes = randomBytes(300_000);
    const pending = await store.putStream(
      Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]),
    );
    expect(pending).toMatchObject({ sha256: sha(bytes), size: bytes.length });
    expect(pending.head).toEqual(bytes.subarray(0, 4096));
    expect(tmpFiles()).toHaveLength(1);
    expect(existsSync(store.pathOf(sha(bytes)))).toBe(false);

    expect(await store.commit(pending)).toEqual({
      sha256: sha(bytes),
      size: bytes.length,
      deduplicated: false,
    });
    const path = store.pathOf(sha(bytes));
    expect(path).toBe(
      join(dataDir, 'evidence', sha(bytes).slice(0, 2), sha(bytes).slice(2, 4), sha(bytes)),
    );
    expect(readFileSync(path)).toEqual(bytes);
    expect(tmpFiles()).toEqual([]);
  });

  it('stores identical content once', async () => {
    const bytes = randomBytes(10_000);
    await store.commit(await store.putStream(Readable.from([bytes])));
    const again = await store.commit(await store.putStream(Readable.from([bytes])));
    expect(again.deduplicated).toBe(true);
    expect(tmpFiles()).toEqual([]);
  });

  it('replaces a damaged copy at the address instead of trusting it', async () => {
    const bytes = randomBytes(10_000);
    await store.putBuffer(bytes);
    writeFileSync(store.pathOf(sha(bytes)), Buffer.from('tampered'));
    const again = await store.commit(await store.putStream(Readable.from([bytes])));
    expect(again.deduplicated).toBe(false);
    expect(readFileSync(store.pathOf(sha(bytes)))).toEqual(bytes);
  });

  it('refuses one byte over the limit and removes the partial file', async () => {
    const limit = 50_000;
    await expect(
      store.putStream(Readable.from([randomBytes(limit)]), { limitBytes: limit }),
    ).resolves.toMatchObject({ size: limit });
    await expect(
      store.putStream(Readable.from([randomBytes(limit), randomBytes(1)]), { limitBytes: limit }),
    ).rejects.toBeInstanceOf(FileTooLarge);
    expect(tmpFiles()).toHaveLength(1); // only the accepted one, not yet committed
  });

  it('lets checkHead stop the write after the head, before the rest is read', async () => {
    let chunksRead = 0;
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 1000; i++) {
          chunksRead++;
          yield randomBytes(1024);
        }
      })(),
    );
    await expect(
      store.putStream(source, {
        checkHead: () => {
          throw new Error('refused type');
        },
      }),
    ).rejects.toThrow('refused type');
    expect(chunksRead).toBeLessThan(100);
    expect(tmpFiles()).toEqual([]);
  });

  it('shows checkHead the whole of a file shorter than the head, even an empty one', async () => {
    const seen: Buffer[] = [];
    await store.putStream(Readable.from([Buffer.from('pendek')]), {
      checkHead: (h) => seen.push(h),
    });
    await store.putStream(Readable.from([Buffer.alloc(0)]), { checkHead: (h) => seen.push(h) });
    expect(seen.map((h) => h.toString())).toEqual(['pendek', '']);
  });

  it('removes the temporary file when the source fails', async () => {
    const source = new Readable({ read() {} });
    const put = store.putStream(source);
    source.push(randomBytes(5000));
    setTimeout(() => source.destroy(new Error('connection reset')), 20);
    await expect(put).rejects.toThrow('connection reset');
    expect(tmpFiles()).toEqual([]);
  });

  it('re-hashes what is really stored', async () => {
    const bytes = randomBytes(5000);
    const { sha256 } = await store.putBuffer(bytes);
    expect(await store.digest(sha256)).toEqual({ sha256, size: 5000 });
    writeFileSync(store.pathOf(sha256), Buffer.from('x'));
    expect(await store.digest(sha256)).toEqual({ sha256: sha(Buffer.from('x')), size: 1 });
    rmSync(store.pathOf(sha256));
    expect(await store.digest(sha256)).toBeNull();
    expect(await store.has(sha256)).toBe(false);
  });

  it('never takes a path that is not a SHA-256', () => {
    expect(() => store.pathOf('../../etc/passwd')).toThrow('Not a SHA-256');
  });

  it('sweeps what a crash left in tmp/ over an hour ago, not an upload in progress', async () => {
    mkdirSync(store.tmpDir, { recursive: true });
    const hoursAgo = new Date(Date.now() - 2 * 60 * 60_000);
    for (const name of ['a.part', 'b.part']) {
      writeFileSync(join(store.tmpDir, name), name);
      utimesSync(join(store.tmpDir, name), hoursAgo, hoursAgo);
    }
    writeFileSync(join(store.tmpDir, 'c.part'), 'still uploading');
    expect(await store.sweepTemporary()).toBe(2);
    expect(tmpFiles()).toEqual(['c.part']);
  });
});
