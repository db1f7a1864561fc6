import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writerPrefix } from '../common/sweep-temp.js';
import { sweepBrowserProfiles } from './pdf-renderer.js';

describe('sweepBrowserProfiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mutu-profiles-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const profile = (pid: number): string => {
    const name = `mutu-chromium-${writerPrefix().replace(`~${process.pid}~`, `~${pid}~`)}Ab12Cd`;
    mkdirSync(join(dir, name, 'Default'), { recursive: true });
    return name;
  };

  it('removes the profiles of a killed process of this host, keeps live and foreign ones', async () => {
    const dead = Number(
      spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout,
    );
    profile(dead);
    const live = profile(process.ppid);
    const mine = profile(process.pid); // this process's own, made just now
    mkdirSync(join(dir, 'mutu-chromium-otherhost~1~Zz9Yy8'));
    mkdirSync(join(dir, 'mutu-chromium-Xy12Ab')); // an older version's name: whose, unknown
    expect(await sweepBrowserProfiles(dir)).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(
      [live, mine, 'mutu-chromium-otherhost~1~Zz9Yy8', 'mutu-chromium-Xy12Ab'].sort(),
    );
    expect(existsSync(join(dir, live, 'Default'))).toBe(true);
  });
});
