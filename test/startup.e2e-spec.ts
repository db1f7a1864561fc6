import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeDb, createTestDatabase, type TestDatabase } from './support/test-db.js';
import { databaseEnv, freePort } from './support/spawned-server.js';

const main = fileURLToPath(new URL('../dist/src/main.js', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runMain(
  env: Record<string, string>,
  until?: (out: string) => boolean,
): Promise<Run & { kill(): void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run = {
      code: null as number | null,
      stdout: '',
      stderr: '',
      kill: () => child.kill('SIGTERM'),
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mutu did not start or stop in time:\n${run.stdout}\n${run.stderr}`));
    }, 45_000);
    child.stdout.on('data', (d: Buffer) => {
      run.stdout += d.toString();
      if (until?.(run.stdout)) {
        clearTimeout(timer);
        resolve(run);
      }
    });
    child.stderr.on('data', (d: Buffer) => (run.stderr += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      run.code = code;
      resolve(run);
    });
  });
}

const envOf = (db: TestDatabase): Record<string, string> => ({
  ...databaseEnv(db),
  LOG_LEVEL: 'warn',
});

describeDb('starting the built server (npm start)', () => {
  beforeAll(() => {
    if (!existsSync(main))
      throw new Error('dist/src/main.js is missing: npm test builds it first (npm run build)');
  });

  it.each([
    ['PORT', 'abc', /PORT="abc": must be an integer number/],
    ['MUTU_DEMO', 'maybe', /MUTU_DEMO="maybe": must be true or false/],
    [
      'DATABASE_URL',
      'mysql://db/mutu',
      /DATABASE_URL="mysql:\/\/db\/mutu": must be a postgres:\/\/ URL/,
    ],
    ['TRUST_PROXY', 'true', /TRUST_PROXY="true": must be false, a hop count, or a comma list/],
  ])('refuses %s=%s with one clear line and no stack trace', async (name, value, reason) => {
    const run = await runMain({ DATA_DIR: '/tmp/mutu-never-created', [name]: value });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^mutu: Invalid configuration: /);
    expect(lines[0]).toMatch(reason);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync('/tmp/mutu-never-created')).toBe(false);
  });

  it('migrates, loads the demo data and serves on PORT', async () => {
    const db = await createTestDatabase();
    const port = await freePort();
    const run = await runMain({ ...envOf(db), PORT: String(port) }, (out) =>
      out.includes('listening'),
    );
    try {
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: null, stderr: '' });
      expect(run.stdout).toContain(`Mutu is listening on http://localhost:${port}`);
      const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
        status: string;
      };
      expect(health.status).toBe('ok');
      const base = `http://127.0.0.1:${port}`;
      const signIn = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'management', password: 'mutu-demo-2026' }),
      });
      expect(signIn.status).toBe(200);
      const { accessToken } = (await signIn.json()) as { accessToken: string };
      const auth = { headers: { Authorization: `Bearer ${accessToken}` } };
      const orgs = (await (await fetch(`${base}/api/organisations`, auth)).json()) as {
        id: string;
      }[];
      const units = (await (
        await fetch(`${base}/api/organisations/${orgs[0].id}/units`, auth)
      ).json()) as unknown[];
      expect(units).toHaveLength(4);
    } finally {
      run.kill();
      await db.drop();
    }
  });
});
