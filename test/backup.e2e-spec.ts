import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import request from 'supertest';
import { readTar, TarWriter } from '../src/backup/tar.js';
import type { MutuConfig } from '../src/config/configuration.js';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import { bearer, login, type Session } from './support/auth.js';
import { binaryBody } from './support/pdf-text.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase, describeDb, engine, type TestDatabase } from './support/test-db.js';

const cli = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const pdf = (size: number): Buffer =>
  Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment the built CLI reads for a configuration (only what it needs). */
function envOf(config: MutuConfig): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    DATA_DIR: config.dataDir,
    NODE_ENV: 'test',
    MUTU_DEMO: 'false',
  };
  if (config.database.engine === 'postgres') {
    env.DATABASE_URL = config.database.url;
    if (config.database.schema) env.DATABASE_SCHEMA = config.database.schema;
  }
  return env;
}

function mutu(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Every table, view and sequence of the schema: 0 when nothing was written to it. */
async function relations(config: MutuConfig): Promise<number> {
  if (config.database.engine !== 'postgres') return 0;
  const client = new pg.Client({ connectionString: config.database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = $1',
      [config.database.schema],
    );
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

/** An archive's members, read with the same reader restore uses (small test archives only). */
async function unpack(file: string): Promise<{ name: string; body: Buffer }[]> {
  const out: { name: string; body: Buffer }[] = [];
  await readTar(Readable.from([gunzipSync(readFileSync(file))]), async (header, body) => {
    const parts: Buffer[] = [];
    for await (const c of body) parts.push(c);
    out.push({ name: header.name, body: Buffer.concat(parts) });
  });
  return out;
}

async function pack(file: string, members: { name: string; body: Buffer }[]): Promise<void> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (c: Buffer) => parts.push(c));
  const tar = new TarWriter(out);
  for (const m of members)
    await tar.add({ name: m.name, size: m.body.length, mode: 0o600, mtime: 0 }, [m.body]);
  await tar.finish();
  writeFileSync(file, gzipSync(Buffer.concat(parts)));
}

/** stderr without the progress lines a slow run prints ("backup: 0.1 MB of 0.5 MB (25 %)"). */
const messages = (stderr: string): string[] =>
  stderr
    .split('\n')
    .filter((l) => l && !/^(backup|restore|verify): [\d.]+ MB of [\d.]+ MB/.test(l));

interface Observed {
  readiness: unknown;
  evidence: { id: string; versions: { number: number; sha256: string; size: number }[] }[];
  reportBytes: Buffer;
}

describeDb('backup and restore: a drill on this engine', () => {
  let t: TestApp;
  let work: string;
  let assessor: Session;
  let officer: Session;
  let admin: Session;
  let organisationId: string;
  const units: Record<string, string> = {};
  let reportId: string;
  let ratable: string;
  const restored: TestDatabase[] = [];

  beforeAll(async () => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
    work = mkdtempSync(join(tmpdir(), 'mutu-backup-test-'));
    t = await startTestApp();
    [assessor, officer, admin] = await Promise.all(
      ['assessor', 'officer.dukcapil', 'admin'].map((u) => login(t.server, u)),
    );
    [{ id: organisationId }] = (
      await request(t.server).get('/api/organisations').set(bearer(admin)).expect(200)
    ).body as { id: string }[];
    const list = (
      await request(t.server)
        .get(`/api/organisations/${organisationId}/units`)
        .set(bearer(admin))
        .expect(200)
    ).body as { id: string; code: string }[];
    for (const u of list) units[u.code] = u.id;
    const current = async (code: string): Promise<string> =>
      (
        (
          await request(t.server)
            .get(`/api/units/${units[code]}/assessments`)
            .set(bearer(admin))
            .expect(200)
        ).body as { id: string }[]
      )[0].id;
    // One issued report (its PDF frozen under DATA_DIR/reports), then ratings on another unit.
    const issued = await request(t.server)
      .post(`/api/assessments/${await current('DUKCAPIL')}/reports`)
      .set(bearer(assessor))
      .send({})
      .expect(201);
    reportId = (issued.body as { id: string }).id;
    for (const code of Object.keys(units).filter((c) => c !== 'DUKCAPIL')) {
      const id = await current(code);
      const res = await request(t.server)
        .put(`/api/assessments/${id}/clauses/4.1`)
        .set(bearer(assessor))
        .send({ applicable: true, rating: 'partly_met' });
      if (res.status === 200) {
        ratable = id;
        break;
      }
    }
    if (!ratable) throw new Error('no demo assessment the assessor may rate');
  });

  afterAll(async () => {
    await t?.close();
    for (const d of restored) await d.drop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const upload = (n: number) =>
    request(t.server)
      .post(`/api/units/${units.DUKCAPIL}/evidence`)
      .set(bearer(officer))
      .field('title', `Bukti saat pencadangan ${n}`)
      .field('clauses', '7.5.3.1')
      .attach('file', pdf(200_000 + n), `bukti-${n}.pdf`);
  const LEAVES = ['4.1', '4.2', '4.3', '5.1.1', '6.1.1', '7.1.5.1', '8.1', '9.2.1'];
  const rate = (n: number) =>
    request(t.server)
      .put(`/api/assessments/${ratable}/clauses/${LEAVES[n % LEAVES.length]}`)
      .set(bearer(assessor))
      .send({ applicable: true, rating: n % 2 ? 'met' : 'not_met' });

  /** What a user of the app sees: readiness, every evidence version's hash, the issued PDF. */
  async function observe(server: import('node:http').Server): Promise<Observed> {
    const me = await login(server, 'admin');
    const readiness = (
      await request(server)
        .get(`/api/organisations/${organisationId}/readiness`)
        .set(bearer(me))
        .expect(200)
    ).body as unknown;
    const evidence: Observed['evidence'] = [];
    for (const code of Object.keys(units).sort()) {
      const list = (
        await request(server).get(`/api/units/${units[code]}/evidence`).set(bearer(me)).expect(200)
      ).body as { items?: { id: string }[] } | { id: string }[];
      const items = Array.isArray(list) ? list : (list.items ?? []);
      for (const { id } of items) {
        const d = (await request(server).get(`/api/evidence/${id}`).set(bearer(me)).expect(200))
          .body as Observed['evidence'][number];
        evidence.push({
          id: d.id,
          versions: d.versions.map((v) => ({ number: v.number, sha256: v.sha256, size: v.size })),
        });
      }
    }
    const reportBytes = (
      await request(server)
        .get(`/api/reports/${reportId}/file`)
        .set(bearer(me))
        .buffer(true)
        .parse(binaryBody)
        .expect(200)
    ).body as Buffer;
    return { readiness, evidence: evidence.sort((a, b) => a.id.localeCompare(b.id)), reportBytes };
  }

  /** Restores an archive with the built CLI into a fresh empty database and folder. */
  async function restoreInto(file: string): Promise<{ run: Run; target: TestDatabase }> {
    const target = await createTestDatabase({ MUTU_DEMO: 'false' });
    restored.push(target);
    const run = await mutu(['restore', file], envOf(target.config));
    return { run, target };
  }

  it('backs up while uploads and ratings are in flight; the restore holds a consistent state', async () => {
    const file = join(work, 'busy.tar.gz');
    const before = await t.db.query<{ n: number | string }[]>(
      'SELECT count(*) AS n FROM evidence_version',
    );
    let running = true;
    const backup = mutu(['backup', '--out', file], envOf(t.config)).finally(() => {
      running = false;
    });
    const statuses: string[] = [];
    for (let n = 0; running; n++) {
      const [u, r] = await Promise.all([upload(n), rate(n)]);
      statuses.push(`upload ${u.status} ${u.text}`, `rating ${r.status} ${r.text}`);
    }
    const run = await backup;
    expect(run.code).toBe(0);
    expect(messages(run.stderr)).toEqual([]);
    expect(run.stdout).toMatch(/^Backup written: .*busy\.tar\.gz/);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => !/^(upload 201|rating 200) /.test(s))).toEqual([]);

    const { run: restoring, target } = await restoreInto(file);
    expect(messages(restoring.stderr)).toEqual([]);
    expect(restoring.code).toBe(0);
    expect(restoring.stdout).toContain('All stored evidence files are present and unchanged.');
    // Every version the snapshot holds has its file, and it is one the app really stored.
    const app = await startTestApp({ MUTU_DEMO: 'false' }, target);
    try {
      const versions = await app.db.query<{ sha256: string }[]>(
        'SELECT sha256 FROM evidence_version',
      );
      const live = new Set(
        (await t.db.query<{ sha256: string }[]>('SELECT sha256 FROM evidence_version')).map(
          (r) => r.sha256,
        ),
      );
      expect(versions.length).toBeGreaterThanOrEqual(Number(before[0].n));
      expect(versions.every((v) => live.has(v.sha256))).toBe(true);
    } finally {
      await app.app.close();
    }
  });

  it('restores a backup of an older schema, then runs the migrations it lacks', async () => {
    const old = await createTestDatabase({ MUTU_DEMO: 'false' });
    restored.push(old);
    expect((await mutu(['migrate'], envOf(old.config))).code).toBe(0);
    expect((await mutu(['migrate:revert'], envOf(old.config))).code).toBe(0);
    const file = join(work, 'older.tar.gz');
    expect((await mutu(['backup', '--out', file], envOf(old.config))).code).toBe(0);
    const { run } = await restoreInto(file);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Applied: ${MIGRATIONS[MIGRATIONS.length - 1].name}`);
  });

  (engine === 'postgres' ? it : it.skip)(
    'names the package to install when pg_dump is not on PATH, and writes nothing',
    async () => {
      const emptyPath = mkdtempSync(join(work, 'no-tools-'));
      const file = join(work, 'no-pg-dump.tar.gz');
      const run = await mutu(['backup', '--out', file], { ...envOf(t.config), PATH: emptyPath });
      expect(run.code).toBe(1);
      expect(messages(run.stderr)).toEqual([
        "mutu backup: pg_dump was not found on PATH: install the PostgreSQL client tools (Debian/Ubuntu: apt-get install postgresql-client, of the server's major version or newer)",
      ]);
      expect(
        readdirSync(work).filter((n) => n.startsWith('no-pg-dump') || n.startsWith('.no-pg-dump')),
      ).toEqual([]);
    },
  );

  describe('a quiet backup', () => {
    let file: string;
    let original: Observed;

    beforeAll(async () => {
      file = join(work, 'quiet.tar.gz');
      const run = await mutu(['backup', `--out=${file}`], envOf(t.config));
      expect(run.code).toBe(0);
      original = await observe(t.server);
    });

    it('passes backup --verify', async () => {
      const run = await mutu(['backup', '--verify', file], envOf(t.config));
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Backup OK: \d+ members/);
    });

    it('restores into an empty folder (and schema): the same readiness, evidence hashes and report bytes', async () => {
      const { run, target } = await restoreInto(file);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Database is up to date.');
      const app = await startTestApp({ MUTU_DEMO: 'false' }, target);
      try {
        const again = await observe(app.server);
        expect(again.readiness).toEqual(original.readiness);
        expect(again.evidence).toEqual(original.evidence);
        expect(again.evidence.length).toBeGreaterThan(13);
        expect(again.reportBytes.equals(original.reportBytes)).toBe(true);
        expect(sha256(again.reportBytes)).toBe(sha256(original.reportBytes));
        // And the verify command agrees on the restored data.
        const verify = await mutu(['verify'], envOf(target.config));
        expect(verify.code).toBe(0);
      } finally {
        await app.app.close();
      }
    });

    it('refuses a target that is not empty, naming it', async () => {
      const run = await mutu(['restore', file], envOf(t.config));
      expect(run.code).toBe(1);
      expect(messages(run.stderr)).toEqual([
        `mutu restore: The data folder ${t.config.dataDir} is not empty (${readdirSync(t.config.dataDir).length} entries): restore into an empty folder, or add --force to replace what is there`,
      ]);
    });

    it('restores over an earlier restore with --force, and only then', async () => {
      const { run, target } = await restoreInto(file);
      expect(run.code).toBe(0);
      const again = await mutu(['restore', file], envOf(target.config));
      expect(again.code).toBe(1);
      expect(messages(again.stderr)[0]).toMatch(/^mutu restore: The data folder .* is not empty/);
      const forced = await mutu(['restore', file, '--force'], envOf(target.config));
      expect(messages(forced.stderr)).toEqual([]);
      expect(forced.code).toBe(0);
      expect(forced.stdout).toContain('All stored evidence files are present and unchanged.');
    });

    const damaged: [string, (f: string) => Promise<void> | void, RegExp][] = [
      [
        'one byte corrupted',
        (f) => {
          const bytes = readFileSync(file);
          bytes[Math.floor(bytes.length / 2)] ^= 0xff;
          writeFileSync(f, bytes);
        },
        /^mutu restore: The archive is (damaged|truncated)|checksum mismatch/,
      ],
      [
        'truncated',
        (f) => {
          const bytes = readFileSync(file);
          writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
        },
        /^mutu restore: The archive is truncated/,
      ],
      [
        'truncated at a member boundary, compressed again',
        async (f) => {
          const members = await unpack(file);
          await pack(f, members.slice(0, -1));
        },
        /^mutu restore: The archive is truncated \(it ends before its manifest\)$/,
      ],
      [
        'a byte changed inside a member, compressed again',
        async (f) => {
          const members = await unpack(file);
          const db = members.find((m) => m.name.startsWith('database/'))!;
          db.body[Math.floor(db.body.length / 2)] ^= 0x01;
          await pack(f, members);
        },
        /^mutu restore: database\/mutu\.(sqlite|pgdump): checksum mismatch/,
      ],
      [
        'two evidence members swapped',
        async (f) => {
          const members = await unpack(file);
          const [a, b] = members.filter((m) => m.name.startsWith('evidence/'));
          [a.body, b.body] = [b.body, a.body];
          await pack(f, members);
        },
        /^mutu restore: evidence\/.*: (checksum mismatch|\d+ bytes, the manifest says)/,
      ],
      [
        'a newer format',
        async (f) => {
          const members = await unpack(file);
          const head = JSON.parse(members[0].body.toString()) as { format: number };
          members[0].body = Buffer.from(JSON.stringify({ ...head, format: head.format + 1 }));
          await pack(f, members);
        },
        /^mutu restore: Backup format 2 is newer than this Mutu reads \(1, Mutu .*\): upgrade Mutu first$/,
      ],
    ];

    it.each(damaged)('refuses an archive with %s, before any write', async (name, make, line) => {
      const bad = join(work, `${name.replace(/\W+/g, '-')}.tar.gz`);
      await make(bad);
      const verify = await mutu(['backup', '--verify', bad], envOf(t.config));
      expect(verify.code).toBe(1);
      const said = messages(verify.stderr);
      expect(said).toHaveLength(1);
      expect(said[0].replace('mutu backup:', 'mutu restore:')).toMatch(line);

      const { run, target } = await restoreInto(bad);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(messages(run.stderr)).toHaveLength(1);
      expect(messages(run.stderr)[0]).toMatch(line);
      expect(readdirSync(target.dataDir)).toEqual([]);
      expect(await relations(target.config)).toBe(0);
    });

    it(
      engine === 'postgres'
        ? 'refuses to restore a PostgreSQL backup into SQLite'
        : 'refuses to restore a SQLite backup into PostgreSQL',
      async () => {
        const empty = mkdtempSync(join(work, 'other-engine-'));
        const env: Record<string, string> =
          engine === 'postgres'
            ? { PATH: process.env.PATH ?? '', DATA_DIR: empty, NODE_ENV: 'test' }
            : {
                PATH: process.env.PATH ?? '',
                DATA_DIR: empty,
                NODE_ENV: 'test',
                DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
                DATABASE_SCHEMA: 'mutu_never_written',
              };
        const run = await mutu(['restore', file], env);
        expect(run.code).toBe(1);
        expect(messages(run.stderr).join('\n')).toMatch(
          engine === 'postgres'
            ? /^mutu restore: This is a PostgreSQL backup and no DATABASE_URL is set/
            : /^mutu restore: This is a SQLite backup and DATABASE_URL points at PostgreSQL: restoring SQLite into PostgreSQL is not supported/,
        );
        expect(readdirSync(empty)).toEqual([]);
      },
    );
  });
});
