import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import request from 'supertest';
import { Lifecycle } from '../src/observability/lifecycle.js';
import { startTestApp } from './support/test-app.js';
import { databaseEnv, freePort } from './support/spawned-server.js';
import {
  createTestDatabase,
  describeDb,
  POSTGRES_URL,
  type TestDatabase,
} from './support/test-db.js';

/**
 * Logs, health, metrics and graceful shutdown of the built server (`npm start`), as an operator
 * sees them: JSON lines on stdout, HTTP answers, a real SIGTERM and the exit code.
 */
const main = fileURLToPath(new URL('../dist/src/main.js', import.meta.url));
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const PASSWORD = 'mutu-demo-2026';

interface LogLine {
  time: string;
  level: string;
  message: string;
  context: string;
  requestId: string | null;
  [key: string]: unknown;
}

/** A spawned server: its stdout lines as they come, its exit. */
class Server {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(
    env: Record<string, string>,
    readonly port: number,
  ) {
    this.child = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  lines(): LogLine[] {
    return this.stdout
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as LogLine);
  }

  /** Waits (polling, no fixed sleep) until a stdout line satisfies the predicate. */
  async waitFor(predicate: (line: LogLine) => boolean, what: string): Promise<LogLine> {
    for (let i = 0; i < 1200; i++) {
      const found = this.lines().find(predicate);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no log line ${what}:\n${this.stdout}\n${this.stderr}`);
  }

  signal(name: NodeJS.Signals): void {
    this.child.kill(name);
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

const envOf = (db: TestDatabase, extra: Record<string, string>): Record<string, string> => ({
  ...databaseEnv(db),
  LOG_FORMAT: 'json',
  LOG_LEVEL: 'log',
  MUTU_PDF_TIMEOUT_MS: '90000',
  ...extra,
});

async function start(db: TestDatabase, extra: Record<string, string> = {}): Promise<Server> {
  const server = new Server(envOf(db, extra), await freePort());
  await server.waitFor((l) => l.message.startsWith('Mutu is listening'), 'saying it listens');
  return server;
}

async function signIn(server: Server, username: string): Promise<string> {
  const res = await fetch(`${server.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function dukcapil(server: Server, token: string): Promise<string> {
  const auth = { headers: { Authorization: `Bearer ${token}` } };
  const [org] = (await (await fetch(`${server.base}/api/organisations`, auth)).json()) as {
    id: string;
  }[];
  const units = (await (
    await fetch(`${server.base}/api/organisations/${org.id}/units`, auth)
  ).json()) as { id: string; code: string }[];
  return units.find((u) => u.code === 'DUKCAPIL')!.id;
}

/** Evidence rows with this title, read straight from the database the server used. */
async function evidenceTitled(db: TestDatabase, title: string): Promise<number> {
  const c = db.config;
  if (c.database.engine === 'sqlite') {
    const sqlite = new Database(c.database.path, { readonly: true });
    try {
      const row = sqlite.prepare('SELECT COUNT(*) AS n FROM evidence WHERE title = ?').get(title);
      return Number((row as { n: number }).n);
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    const res = await client.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM ${c.database.schema}.evidence WHERE title = $1`,
      [title],
    );
    return Number(res.rows[0].n);
  } finally {
    await client.end();
  }
}

/** Every file below a folder (relative paths), or [] when it does not exist. */
function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length))
    .sort();
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/**
 * An evidence upload sent in two halves: resolves `started` once the server has taken the request
 * (it answered `100 Continue`), sends the rest on `finish()`, and resolves `response` with the answer.
 */
function slowUpload(server: Server, token: string, unitId: string, title: string) {
  const boundary = 'mutu-slow-upload';
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${title}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="clauses"\r\n\r\n9.1.2\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="notulen.txt"\r\n` +
    `Content-Type: text/plain\r\n\r\n` +
    'Notulen rapat tinjauan manajemen, bagian pertama.\n'.repeat(200);
  const tail = 'Bagian kedua, dikirim setelah SIGTERM.\n'.repeat(200) + `\r\n--${boundary}--\r\n`;
  let req!: ClientRequest;
  let error: Error | null = null;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req = httpRequest(`${server.base}/api/units/${unitId}/evidence`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        Expect: '100-continue',
      },
    });
    req.on('response', (res: IncomingMessage) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', (e) => {
      error = e;
      reject(e);
    });
  });
  response.catch(() => undefined);
  const started = new Promise<void>((resolve, reject) => {
    req.on('continue', () => {
      req.write(head, () => resolve());
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  return {
    started,
    response,
    failed: () => error,
    finish: () => req.end(tail),
  };
}

describeDb('operations: logs, health, metrics and shutdown of the built server', () => {
  let db: TestDatabase;

  beforeAll(() => {
    if (!existsSync(main))
      throw new Error('dist/src/main.js is missing: npm test builds it first (npm run build)');
  });
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await db.drop();
  });

  it('writes one JSON line per event, one access line per request with its id, and no secret', async () => {
    const server = await start(db);
    try {
      // A caller's well-formed id is kept; a malformed one is replaced.
      const live = await fetch(`${server.base}/health/live`, {
        headers: { 'X-Request-Id': 'lb-7f3a.42_x' },
      });
      expect(live.headers.get('x-request-id')).toBe('lb-7f3a.42_x');
      const bad = await fetch(`${server.base}/health/live`, {
        headers: { 'X-Request-Id': 'x'.repeat(65) },
      });
      const generated = bad.headers.get('x-request-id')!;
      expect(generated).toMatch(/^[0-9a-f-]{36}$/);

      const login = await fetch(`${server.base}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'officer.dukcapil', password: PASSWORD }),
      });
      const { accessToken, csrfToken, user } = (await login.json()) as {
        accessToken: string;
        csrfToken: string;
        user: { id: string };
      };
      const cookie = login.headers.getSetCookie().find((c) => c.startsWith('mutu_session='))!;
      const orgs = await fetch(`${server.base}/api/organisations`, {
        headers: { Cookie: cookie.split(';')[0], 'X-Csrf-Token': csrfToken },
      });
      expect(orgs.status).toBe(200);
      const wrong = await fetch(`${server.base}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'officer.dukcapil', password: 'not-my-password-77' }),
      });
      expect(wrong.status).toBe(401);
      // Every JSON error carries the request id; the error page shows it as a reference code.
      const missing = await fetch(`${server.base}/api/nothing-here`, {
        headers: { Authorization: `Bearer ${accessToken}` },
      });
      const missingBody = (await missing.json()) as Record<string, unknown>;
      expect(missingBody).toEqual({
        statusCode: 404,
        error: 'NOT_FOUND',
        code: 'route_not_found',
        message: expect.any(String),
        requestId: missing.headers.get('x-request-id'),
      });
      const page = await fetch(`${server.base}/halaman-yang-tidak-ada`, {
        headers: { Accept: 'text/html' },
      });
      expect(page.status).toBe(404);
      expect(await page.text()).toContain(`Kode rujukan: ${page.headers.get('x-request-id')}`);

      const calls = [
        { res: live, method: 'GET', route: '/health/live', status: 200, userId: null },
        { res: bad, method: 'GET', route: '/health/live', status: 200, userId: null },
        { res: login, method: 'POST', route: '/api/auth/login', status: 200, userId: null },
        { res: orgs, method: 'GET', route: '/api/organisations', status: 200, userId: user.id },
        { res: wrong, method: 'POST', route: '/api/auth/login', status: 401, userId: null },
        { res: missing, method: 'GET', route: '(unmatched)', status: 404, userId: null },
        { res: page, method: 'GET', route: '(unmatched)', status: 404, userId: null },
      ];
      for (const call of calls) {
        const id = call.res.headers.get('x-request-id')!;
        await server.waitFor(
          (l) => l.context === 'Access' && l.requestId === id,
          `for request ${id}`,
        );
      }
      const lines = server.lines();
      for (const line of lines) {
        expect(Object.keys(line)).toEqual(
          expect.arrayContaining(['time', 'level', 'message', 'context', 'requestId']),
        );
        expect(new Date(line.time).toISOString()).toBe(line.time);
      }
      for (const call of calls) {
        const id = call.res.headers.get('x-request-id');
        const access = lines.filter((l) => l.context === 'Access' && l.requestId === id);
        expect(access).toHaveLength(1);
        expect(access[0]).toMatchObject({
          level: 'log',
          method: call.method,
          route: call.route,
          status: call.status,
          userId: call.userId,
          aborted: false,
          durationMs: expect.any(Number),
        });
      }
      for (const secret of [PASSWORD, 'not-my-password-77', accessToken, csrfToken, cookie])
        expect(server.stdout).not.toContain(secret);
      expect(server.stdout).not.toContain(cookie.split(';')[0].split('=')[1]);
      expect(server.stderr).toBe('');
    } finally {
      server.signal('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });

  it('answers liveness, readiness and the old /health; serves metrics only to the token', async () => {
    const server = await start(db, { MUTU_METRICS: 'true', MUTU_METRICS_TOKEN: METRICS_TOKEN });
    try {
      const live = await fetch(`${server.base}/health/live`);
      expect(live.status).toBe(200);
      expect(await live.json()).toMatchObject({ status: 'ok' });
      const ready = await fetch(`${server.base}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'ready',
        checks: {
          database: { ok: true, engine: db.config.database.engine },
          migrations: { ok: true, pending: false },
          dataDir: { ok: true, writable: true, freeBytes: expect.any(Number) },
          pdf: { ok: true, browser: 'not_started', queued: 0 },
          shutdown: { ok: true, draining: false },
        },
      });
      const old = await fetch(`${server.base}/health`);
      expect(old.status).toBe(200);
      expect(await old.json()).toMatchObject({ status: 'ok', database: { ok: true } });

      // Something to count: a refused sign-in, a PDF, a few reads.
      const wrong = await fetch(`${server.base}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'assessor', password: 'definitely-wrong-1' }),
      });
      expect(wrong.status).toBe(401);
      const token = await signIn(server, 'officer.dukcapil');
      const unit = await dukcapil(server, token);
      const pdf = await fetch(`${server.base}/api/units/${unit}/evidence-register.pdf`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(pdf.status).toBe(200);
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');

      const anonymous = await fetch(`${server.base}/metrics`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const session = await fetch(`${server.base}/metrics`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(session.status).toBe(401);
      const res = await fetch(`${server.base}/metrics`, {
        headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      const value = (series: string): number => {
        const line = text.split('\n').find((l) => l.startsWith(`${series} `));
        if (!line) throw new Error(`no ${series} in\n${text}`);
        return Number(line.slice(series.length + 1));
      };
      expect(
        value(
          'mutu_http_request_duration_seconds_count{method="GET",route="/health/ready",status="200"}',
        ),
      ).toBe(1);
      expect(
        value(
          'mutu_http_request_duration_seconds_count{method="POST",route="/api/auth/login",status="401"}',
        ),
      ).toBe(1);
      expect(
        value(
          'mutu_http_request_duration_seconds_count{method="GET",route="/metrics",status="401"}',
        ),
      ).toBe(2);
      expect(value('mutu_sign_in_failures_total{reason="invalid_credentials"}')).toBe(1);
      expect(value('mutu_pdf_renders_total{outcome="ok"}')).toBe(1);
      expect(value('mutu_pdf_render_duration_seconds_count')).toBe(1);
      expect(value('mutu_pdf_render_duration_seconds_sum')).toBeGreaterThan(0);
      expect(value('mutu_pdf_queue_depth')).toBe(0);
      expect(value('mutu_pdf_browser_running')).toBe(1);
      // The demo data's evidence: every distinct file once.
      const files = filesBelow(join(db.config.dataDir, 'evidence')).filter(
        (f) => !f.startsWith('/tmp/'),
      );
      expect(value('mutu_evidence_stored_files')).toBe(files.length);
      expect(value('mutu_evidence_stored_bytes')).toBeGreaterThan(0);
      expect(text).toContain('process_resident_memory_bytes');
      // The metrics token never reaches the log.
      expect(server.stdout).not.toContain(METRICS_TOKEN);
    } finally {
      server.signal('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });

  it('on SIGTERM refuses new connections, lets a slow upload finish, then exits 0', async () => {
    const server = await start(db, { MUTU_SHUTDOWN_GRACE_S: '120' });
    try {
      const token = await signIn(server, 'officer.dukcapil');
      const unit = await dukcapil(server, token);
      const upload = slowUpload(server, token, unit, 'Notulen tinjauan manajemen (lambat)');
      await upload.started;

      server.signal('SIGTERM');
      await server.waitFor((l) => l.context === 'Shutdown', 'announcing the shutdown');
      await expect(fetch(`${server.base}/health/ready`)).rejects.toThrow();

      upload.finish();
      const answer = await upload.response;
      expect(answer.status).toBe(201);
      expect(JSON.parse(answer.body)).toMatchObject({
        title: 'Notulen tinjauan manajemen (lambat)',
      });
      expect(await server.exited).toBe(0);
      expect(server.lines().map((l) => l.message)).toContain('Stopped');
      expect(server.lines()).toContainEqual(
        expect.objectContaining({
          context: 'Access',
          route: '/api/units/:id/evidence',
          status: 201,
        }),
      );
      expect(await evidenceTitled(db, 'Notulen tinjauan manajemen (lambat)')).toBe(1);
    } finally {
      server.kill();
    }
  });

  it('cuts off an upload that outlasts the grace, leaves nothing of it behind, and exits 0', async () => {
    const server = await start(db, { MUTU_SHUTDOWN_GRACE_S: '4' });
    try {
      const token = await signIn(server, 'officer.dukcapil');
      const unit = await dukcapil(server, token);
      const before = filesBelow(join(db.config.dataDir, 'evidence'));
      const upload = slowUpload(server, token, unit, 'Unggahan yang terputus');
      await upload.started;
      // The first half is on disk, in the store's temporary folder, while the upload waits.
      const tmp = join(db.config.dataDir, 'evidence', 'tmp');
      await until(() => filesBelow(tmp).length === 1, 'the upload reaching its temporary file');
      server.signal('SIGTERM');
      expect(await server.exited).toBe(0);
      await expect(upload.response).rejects.toThrow();
      expect(filesBelow(join(db.config.dataDir, 'evidence'))).toEqual(before);
      expect(await evidenceTitled(db, 'Unggahan yang terputus')).toBe(0);
      expect(server.lines()).toContainEqual(
        expect.objectContaining({ context: 'Shutdown', level: 'warn' }),
      );
      expect(server.lines()).toContainEqual(
        expect.objectContaining({
          context: 'Access',
          route: '/api/units/:id/evidence',
          aborted: true,
        }),
      );
    } finally {
      server.kill();
    }
  });
});

describeDb('readiness and metrics switches (in-process)', () => {
  it('answers 503 with the failing check while draining or short of disk space; live stays 200', async () => {
    const t = await startTestApp({ MUTU_MIN_FREE_MB: '1048576' });
    try {
      const short = await request(t.server).get('/health/ready').expect(503);
      expect(short.body).toMatchObject({
        status: 'not_ready',
        checks: {
          database: { ok: true },
          dataDir: { ok: false, writable: true, minFreeBytes: 1048576 * 1024 * 1024 },
          shutdown: { ok: true },
        },
      });
      t.app.get(Lifecycle).beginDrain();
      const draining = await request(t.server).get('/health/ready').expect(503);
      expect(draining.body).toMatchObject({
        status: 'draining',
        checks: { shutdown: { ok: false, draining: true } },
      });
      await request(t.server).get('/health/live').expect(200);
    } finally {
      await t.close();
    }
  });

  it('has no /metrics unless MUTU_METRICS=true', async () => {
    const t = await startTestApp();
    try {
      const res = await request(t.server)
        .get('/metrics')
        .set('Authorization', `Bearer ${METRICS_TOKEN}`)
        .expect(404);
      expect(res.body).toMatchObject({ code: 'route_not_found', requestId: expect.any(String) });
    } finally {
      await t.close();
    }
  });
});
