import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sweepTemporaryFiles, TEMP_FILE_MAX_AGE_MS } from './sweep-temp.js';

describe('sweepTemporaryFiles', () => {
  let root: string;
  let dir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mutu-sweep-'));
    dir = join(root, 'tmp');
    mkdirSync(dir);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A file last written `ageMs` ago. */
  const file = (name: string, ageMs: number): string => {
    const path = join(dir, name);
    writeFileSync(path, name);
    const when = new Date(Date.now() - ageMs);
    utimesSync(path, when, when);
    return path;
  };

  it('removes files untouched for over an hour and keeps younger ones', async () => {
    file('crashed-upload.part', TEMP_FILE_MAX_AGE_MS + 60_000);
    file('crashed-yesterday.part', 24 * TEMP_FILE_MAX_AGE_MS);
    file('uploading-now.part', 0);
    file('almost-an-hour.part', TEMP_FILE_MAX_AGE_MS - 60_000);
    expect(await sweepTemporaryFiles(dir)).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['almost-an-hour.part', 'uploading-now.part']);
  });

  it('takes another age limit and clock when asked', async () => {
    file('a.part', 10_000);
    expect(await sweepTemporaryFiles(dir, { maxAgeMs: 60_000 })).toBe(0);
    expect(
      await sweepTemporaryFiles(dir, { maxAgeMs: 60_000, now: new Date(Date.now() + 60_000) }),
    ).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves folders alone, old or not', async () => {
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    const old = new Date(Date.now() - 2 * TEMP_FILE_MAX_AGE_MS);
    utimesSync(sub, old, old);
    expect(await sweepTemporaryFiles(dir)).toBe(0);
    expect(existsSync(sub)).toBe(true);
  });

  it('finds nothing to do in a folder that does not exist', async () => {
    await expect(sweepTemporaryFiles(join(root, 'never-created'))).resolves.toBe(0);
  });
});
