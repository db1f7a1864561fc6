import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));

function mutu(
  args: string[],
  dataDir: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, NODE_ENV: 'test' } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The built command line refuses what it does not understand, before it touches any data. */
describe('mutu command line (built CLI)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'mutu-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    [['seed', '--dmo'], 'mutu seed: unknown option --dmo (see: npm run mutu -- seed --help)'],
    [
      ['render', '--organisation', 'kota-kupang', '--out', '--lang', 'en'],
      'mutu render: option --out needs a value (e.g. --out=VALUE) (see: npm run mutu -- render --help)',
    ],
    [
      ['render', '--organisation=kota-kupang', '--out=o', '--lang=fr'],
      'mutu render: --lang must be id or en, not fr (see: npm run mutu -- render --help)',
    ],
    [['restore'], 'mutu restore: missing argument FILE (see: npm run mutu -- restore --help)'],
    [
      ['migrate', 'now'],
      'mutu migrate: unexpected argument now (see: npm run mutu -- migrate --help)',
    ],
    [
      ['backup'],
      'mutu backup: --out FILE or --verify FILE is required (see: npm run mutu -- backup --help)',
    ],
  ])('%j: exit 2 and one line on stderr', async (args, line) => {
    const run = await mutu(args, dataDir);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `${line}\n` });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('lists the commands, and has a help per command', async () => {
    const top = await mutu(['--help'], dataDir);
    expect(top.code).toBe(0);
    for (const name of ['migrate', 'seed', 'render', 'verify', 'backup', 'restore'])
      expect(top.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    const seed = await mutu(['seed', '--help'], dataDir);
    expect(seed.code).toBe(0);
    expect(seed.stdout).toMatch(/^Usage: npm run mutu -- seed \[--demo \| --no-demo\]/);
    expect(seed.stdout).toMatch(/--no-demo\s+do not load the demo data/);
    const restore = await mutu(['restore', '-h'], dataDir);
    expect(restore.stdout).toContain('Restoring SQLite into PostgreSQL is not supported.');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses .tar.zst on a Node without zstd in node:zlib, saying so', async () => {
    const run = await mutu(['backup', '--out', join(dataDir, 'b.tar.zst')], dataDir);
    if (process.versions.node.startsWith('20.')) {
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `mutu backup: This Node (${process.version}) has no zstd in node:zlib (it arrived in Node 22.15): write a .tar.gz instead\n`,
      );
    } else {
      expect(run.stderr).not.toContain('no zstd');
    }
  });
});

describe('mutu notify (built CLI)', () => {
  let dataDir: string;
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [cli, ...args],
        { env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, NODE_ENV: 'test', ...env } },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'mutu-cli-notify-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('--dry-run prints what the scan would add and writes nothing; the real run adds it once', async () => {
    expect((await run(['seed', '--demo'])).code).toBe(0);
    const dry = await run(['notify', '--dry-run']);
    expect(dry.code).toBe(0);
    const added = Number(/Dry run: (\d+) new notifications/.exec(dry.stdout)?.[1]);
    expect(added).toBeGreaterThan(0);
    expect(dry.stdout).toMatch(/^survey_due\tofficer\.dukcapil\t\d{4}-\d{2}-\d{2}\t\/units\//m);
    expect((await run(['notify', '--dry-run'])).stdout).toContain(`Dry run: ${added} new`);
    expect((await run(['notify'])).stdout).toContain(`Notifications: ${added} new of ${added};`);
    expect((await run(['notify'])).stdout).toContain(`Notifications: 0 new of ${added};`);
  });

  it('refuses a malformed MUTU_SMTP_URL in one line naming it, without echoing it', async () => {
    const bad = await run(['notify', '--dry-run'], { MUTU_SMTP_URL: 'user:secret@mail:25' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'mutu: Invalid configuration: MUTU_SMTP_URL: must be an smtp:// or smtps:// URL with a host\n',
    );
  });
});
