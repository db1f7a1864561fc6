import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDataDir } from './readiness-checks.js';

describe('checkDataDir', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mutu-ready-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is ok for a writable folder with room, and reports the free bytes', async () => {
    const check = await checkDataDir(dir, 0);
    expect(check).toMatchObject({ ok: true, writable: true, minFreeBytes: 0 });
    expect(check.freeBytes).toBeGreaterThan(0);
  });

  it('is not ok when the free space is under the floor', async () => {
    const check = await checkDataDir(dir, Number.MAX_SAFE_INTEGER);
    expect(check).toMatchObject({
      ok: false,
      writable: true,
      problem: 'free space below MUTU_MIN_FREE_MB',
    });
  });

  it('is not ok for a folder that is missing', async () => {
    expect(await checkDataDir(join(dir, 'gone'), 0)).toMatchObject({
      ok: false,
      writable: false,
      freeBytes: null,
      problem: 'not writable (ENOENT)',
    });
  });
});
