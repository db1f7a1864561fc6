import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writerPrefix } from '../src/common/sweep-temp.js';
import { createTestDatabase, describeDb, type TestDatabase } from './support/test-db.js';
import { databaseEnv, freePort } from './support/spawned-server.js';

const main = fileURLToPath(new URL('../dist/src/main.js', import.meta.url));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Server {
  child: ChildProcess;
  base: string;
  /** Everything it wrote, stdout and stderr. */
  output: () => string;
  exited: Promise<void>;
}

const serverTmp = (dataDir: string): string => {
  const dir = join(dataDir, 'os-tmp');
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** The built server (npm start) on this database and data folder, once it listens. */
async function start(db: TestDatabase): Promise<Server> {
  const c = db.config;
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    ...databaseEnv(db),
    PORT: String(port),
    LOG_LEVEL: 'warn',
    // A temporary folder of this test's own: every Mutu that starts on this host sweeps the dead
    // processes' browser profiles from its temporary folder, and other test files start apps meanwhile.
    TMPDIR: serverTmp(c.dataDir),
  };
  const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start in time:\n${output}`)), 90_000);
    const read = (d: Buffer): void => {
      output += d.toString();
      if (output.includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then(() => reject(new Error(`exited before listening:\n${output}`)));
  });
  return { child, base: `http://127.0.0.1:${port}`, output: () => output, exited };
}

async function kill(server: Server): Promise<void> {
  server.child.kill('SIGKILL');
  await server.exited;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`waited in vain for ${what}`);
}

const filesIn = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? filesIn(join(dir, e.name)) : [join(dir, e.name)],
      )
    : [];

describeDb('crash safety: SIGKILL mid-upload, mid-import, mid-issue, then restart', () => {
  let db: TestDatabase;
  let server: Server | undefined;

  beforeAll(async () => {
    if (!existsSync(main))
      throw new Error('dist/src/main.js is missing: npm test builds it first (npm run build)');
    db = await createTestDatabase();
  });
  afterAll(async () => {
    if (server) await kill(server);
    await db?.drop();
  });

  const api = async <T>(path: string, token: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${server!.base}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const signIn = async (username: string): Promise<string> => {
    const res = await fetch(`${server!.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: 'mutu-demo-2026' }),
    });
    return ((await res.json()) as { accessToken: string }).accessToken;
  };
  /** A request whose body is sent in part and never finished. */
  const unfinished = (
    path: string,
    token: string,
    headers: Record<string, string>,
  ): ClientRequest => {
    const url = new URL(path, server!.base);
    const req = httpRequest(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, ...headers },
    });
    req.on('error', () => undefined); // the server dies under it
    return req;
  };

  it('leaves no orphan row, file or half-written file, and the restart says what it cleaned', async () => {
    const evidenceTmp = join(db.config.dataDir, 'evidence', 'tmp');
    const reportsDir = join(db.config.dataDir, 'reports');
    server = await start(db);
    let officer = await signIn('officer.dukcapil');
    let assessor = await signIn('assessor');
    const [org] = await api<{ id: string }[]>('/api/organisations', assessor);
    const units = await api<{ id: string; code: string }[]>(
      `/api/organisations/${org.id}/units`,
      assessor,
    );
    const unit = units.find((u) => u.code === 'DUKCAPIL')!.id;
    const [cycle] = await api<{ id: string }[]>(`/api/units/${unit}/assessments`, assessor);
    const evidenceCount = async (): Promise<number> =>
      (await api<unknown[]>(`/api/units/${unit}/evidence`, officer)).length;
    const ratings = async (): Promise<unknown> =>
      (await api<{ clauses: unknown[] }>(`/api/assessments/${cycle.id}`, assessor)).clauses;
    const evidenceBefore = await evidenceCount();
    const storedBefore = filesIn(join(db.config.dataDir, 'evidence')).length;

    // 1. An upload killed while its file streams in: the half file is left in tmp/.
    const boundary = 'crash-boundary';
    const upload = unfinished(`/api/units/${unit}/evidence`, officer, {
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
    });
    upload.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nSK terputus\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="clauses"\r\n\r\n4.3\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="sk.pdf"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    );
    upload.write(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(256 * 1024, 0x20)]));
    await until(() => filesIn(evidenceTmp).length === 1, 'the upload to reach tmp/');
    await kill(server);
    expect(filesIn(evidenceTmp)).toHaveLength(1);

    server = await start(db);
    expect(server.output()).toMatch(/Removed 1 unfinished upload\(s\) left by an earlier crash/);
    expect(filesIn(evidenceTmp)).toEqual([]);
    [officer, assessor] = await Promise.all([signIn('officer.dukcapil'), signIn('assessor')]);
    expect(await evidenceCount()).toBe(evidenceBefore);
    expect(filesIn(join(db.config.dataDir, 'evidence')).length).toBe(storedBefore);

    // 2. An import killed while its workbook streams in: no rating changes, nothing stored.
    const ratingsBefore = await ratings();
    const exported = Buffer.from(
      await (
        await fetch(`${server.base}/api/assessments/${cycle.id}/export.xlsx`, {
          headers: { Authorization: `Bearer ${assessor}` },
        })
      ).arrayBuffer(),
    );
    const importing = unfinished(`/api/assessments/${cycle.id}/import.xlsx`, assessor, {
      'Content-Type': XLSX,
      'Content-Length': String(exported.length),
    });
    importing.write(exported.subarray(0, exported.length >> 1));
    await new Promise((resolve) => setTimeout(resolve, 500));
    await kill(server);
    server = await start(db);
    assessor = await signIn('assessor');
    expect(await ratings()).toEqual(ratingsBefore);

    // 3. Issuing a report killed while its PDF renders: all of it or none of it, and the browser
    // profile the killed server left in the temporary folder is removed at the restart.
    const pdfsBefore = filesIn(reportsDir).filter((f) => f.endsWith('.pdf')).length;
    const profilePrefix = `mutu-chromium-${writerPrefix().replace(`~${process.pid}~`, `~${server.child.pid}~`)}`;
    const profiles = (): string[] =>
      readdirSync(serverTmp(db.config.dataDir)).filter((n) => n.startsWith(profilePrefix));
    void fetch(`${server.base}/api/assessments/${cycle.id}/reports`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${assessor}`, 'Content-Type': 'application/json' },
      body: '{}',
    }).catch(() => undefined);
    await until(() => profiles().length === 1, 'the PDF browser to start');
    await kill(server);
    server = await start(db);
    expect(server.output()).toMatch(/Removed 1 PDF browser profile\(s\) left by an earlier crash/);
    expect(profiles()).toEqual([]);
    assessor = await signIn('assessor');
    const issued = await api<{ id: string; sha256: string }[]>(
      `/api/assessments/${cycle.id}/reports`,
      assessor,
    );
    const pdfs = filesIn(reportsDir).filter((f) => f.endsWith('.pdf'));
    expect(filesIn(join(reportsDir, 'tmp'))).toEqual([]);
    // Every stored PDF belongs to a report row, and every report row's file is whole.
    expect(pdfs.length).toBe(pdfsBefore + issued.length);
    for (const report of issued) {
      const file = await fetch(`${server.base}/api/reports/${report.id}/file`, {
        headers: { Authorization: `Bearer ${assessor}` },
      });
      expect(file.status).toBe(200);
      expect(
        Buffer.from(await file.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
    console.info(
      `crash safety: upload leftover swept; import unchanged; issue killed while rendering -> ${issued.length} report(s) issued, profile swept`,
    );
  });
});
