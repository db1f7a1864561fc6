import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
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
import { sweepTemporaryFiles, TEMP_FILE_MAX_AGE_MS, temporaryFileName } from './sweep-temp.js';

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

  describe('files named after their writer (host~pid~uuid.part)', () => {
    const here = (pid: number): string => {
      const name = temporaryFileName();
      return name.replace(`~${process.pid}~`, `~${pid}~`);
    };
    /** The id of a process that has just exited (ids are not reused that fast). */
    const deadPid = (): number => {
      const child = spawnSync(process.execPath, [
        '-e',
        'process.stdout.write(String(process.pid))',
      ]);
      return Number(child.stdout.toString());
    };

    it('removes at once what a process of this host that no longer exists left behind', async () => {
      const crashed = here(deadPid());
      file(crashed, 0);
      expect(await sweepTemporaryFiles(dir)).toBe(1);
      expect(readdirSync(dir)).toEqual([]);
    });

    it('keeps the files of a live process of this host, however old', async () => {
      const parent = here(process.ppid);
      const mine = temporaryFileName();
      file(parent, 5 * TEMP_FILE_MAX_AGE_MS);
      file(mine, 0);
      expect(await sweepTemporaryFiles(dir)).toBe(0);
      expect(readdirSync(dir).sort()).toEqual([mine, parent].sort());
    });

    it('removes a file with our own process id that is older than this process (a restart)', async () => {
      const before = temporaryFileName();
      file(before, process.uptime() * 1000 + 60_000);
      expect(await sweepTemporaryFiles(dir)).toBe(1);
    });

    it("keeps another host's young file (its process cannot be asked), removes it after an hour", async () => {
      const young = `other-host~${process.pid}~${randomUUID()}.part`;
      const old = `other-host~1~${randomUUID()}.part`;
      file(young, 60_000);
      file(old, TEMP_FILE_MAX_AGE_MS + 60_000);
      expect(await sweepTemporaryFiles(dir)).toBe(1);
      expect(readdirSync(dir)).toEqual([young]);
    });
  });

  it('finds nothing to do in a folder that does not exist', async () => {
    await expect(sweepTemporaryFiles(join(root, 'never-created'))).resolves.toBe(0);
  });
});
