import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import {
  BLOCK,
  decodeHeader,
  encodeHeader,
  readTar,
  TarFormatError,
  TarTruncated,
  TarWriter,
} from './tar.js';

async function archive(members: { name: string; body: Buffer }[]): Promise<Buffer> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (c: Buffer) => parts.push(c));
  const tar = new TarWriter(out);
  for (const m of members)
    await tar.add({ name: m.name, size: m.body.length, mode: 0o600, mtime: 1_790_000_000 }, [
      m.body,
    ]);
  await tar.finish();
  out.end();
  return Buffer.concat(parts);
}

async function members(bytes: Buffer, chunk = 777): Promise<{ name: string; body: Buffer }[]> {
  const pieces = [];
  for (let i = 0; i < bytes.length; i += chunk) pieces.push(bytes.subarray(i, i + chunk));
  const found: { name: string; body: Buffer }[] = [];
  await readTar(Readable.from(pieces), async (header, body) => {
    const parts: Buffer[] = [];
    for await (const c of body) parts.push(c);
    found.push({ name: header.name, body: Buffer.concat(parts) });
  });
  return found;
}

const sample = [
  { name: 'mutu-backup.json', body: Buffer.from('{"format":1}\n') },
  { name: 'evidence/ab/cd/empty', body: Buffer.alloc(0) },
  { name: 'database/mutu.sqlite', body: Buffer.alloc(BLOCK * 3, 7) },
  { name: 'reports/x.pdf', body: Buffer.from('%PDF-1.7 '.repeat(300)) },
];

describe('ustar writer and reader', () => {
  it('reads back what it wrote, whatever the chunking', async () => {
    const bytes = await archive(sample);
    expect(bytes.length % BLOCK).toBe(0);
    for (const chunk of [1, 511, 512, 4096, bytes.length])
      expect(await members(bytes, chunk)).toEqual(sample);
  });

  it('writes archives GNU tar lists and extracts byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mutu-tar-'));
    try {
      writeFileSync(join(dir, 'a.tar'), await archive(sample));
      const listing = execFileSync('tar', ['-tvf', join(dir, 'a.tar')], { encoding: 'utf8' });
      expect(
        listing
          .trim()
          .split('\n')
          .map((l) => l.split(/\s+/).pop()),
      ).toEqual(sample.map((m) => m.name));
      const body = execFileSync('tar', ['-xOf', join(dir, 'a.tar'), 'reports/x.pdf']);
      expect(body.equals(sample[3].body)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads an archive GNU tar wrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mutu-tar-'));
    try {
      writeFileSync(join(dir, 'one.txt'), 'satu\n');
      const bytes = execFileSync('tar', ['--format=ustar', '-cf', '-', '-C', dir, 'one.txt']);
      const found = await members(bytes);
      expect(found.map((m) => [m.name, m.body.toString()])).toEqual([['one.txt', 'satu\n']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('skips what a reader leaves unread, even when it breaks off', async () => {
    const bytes = await archive(sample);
    const names: string[] = [];
    await readTar(Readable.from([bytes]), async (header, body) => {
      names.push(header.name);
      for await (const c of body) if (c.length) break;
    });
    expect(names).toEqual(sample.map((m) => m.name));
  });

  it('refuses a truncated archive, at a block boundary or inside a member', async () => {
    const bytes = await archive(sample);
    await expect(members(bytes.subarray(0, BLOCK * 5))).rejects.toBeInstanceOf(TarTruncated);
    await expect(members(bytes.subarray(0, BLOCK * 2 + 100))).rejects.toBeInstanceOf(TarTruncated);
    // The end-of-archive blocks missing: the last member is complete but the archive is not.
    await expect(members(bytes.subarray(0, bytes.length - BLOCK * 2))).rejects.toBeInstanceOf(
      TarTruncated,
    );
  });

  it('refuses a damaged header and anything but a regular file', () => {
    const header = encodeHeader({ name: 'a', size: 5, mode: 0o600, mtime: 0 });
    expect(decodeHeader(header)).toEqual({ name: 'a', size: 5, mode: 0o600, mtime: 0 });
    const damaged = Buffer.from(header);
    damaged[0] = 0x62;
    expect(() => decodeHeader(damaged)).toThrow('checksum');
    const link = Buffer.from(header);
    link[156] = 0x32; // '2': symbolic link
    link.write('0000000\0', 148, 8, 'ascii');
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : link[i];
    link.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
    expect(() => decodeHeader(link)).toThrow(TarFormatError);
    expect(() => encodeHeader({ name: 'x'.repeat(100), size: 0, mode: 0, mtime: 0 })).toThrow(
      TarFormatError,
    );
  });

  it('encodes sizes of 8 GiB and more in base-256', () => {
    const size = 10 * 1024 ** 3 + 3;
    const header = encodeHeader({ name: 'big', size, mode: 0o600, mtime: 0 });
    expect(header[124]).toBe(0x80);
    expect(decodeHeader(header)?.size).toBe(size);
  });

  it('refuses a body that is not the size its header says', async () => {
    const tar = new TarWriter(new PassThrough());
    await expect(
      tar.add({ name: 'a', size: 3, mode: 0, mtime: 0 }, [Buffer.from('abcd')]),
    ).rejects.toThrow('grew');
    await expect(
      tar.add({ name: 'b', size: 3, mode: 0, mtime: 0 }, [Buffer.from('ab')]),
    ).rejects.toThrow('shrank');
  });
});
