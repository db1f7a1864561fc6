import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { Transform, type TransformCallback } from 'node:stream';
import pg from 'pg';
import { BackupRefused } from './manifest.js';

/** The SQLite database copied page by page with the online backup API, while the app keeps writing. */
export async function snapshotSqlite(source: string, target: string): Promise<string[]> {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target);
  } finally {
    db.close();
  }
  return sqliteMigrations(target);
}

export function sqliteMigrations(path: string): string[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT name FROM mutu_migrations ORDER BY id').all() as {
      name: string;
    }[];
    return rows.map((r) => r.name);
  } finally {
    db.close();
  }
}

const CLIENT_PACKAGE =
  "install the PostgreSQL client tools (Debian/Ubuntu: apt-get install postgresql-client, of the server's major version or newer)";

/** Runs a PostgreSQL client program; a missing program is one line naming the package. */
function runClient(
  program: string,
  args: string[],
  options: { stdin?: NodeJS.ReadableStream; stdout?: NodeJS.WritableStream } = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(program, args, { stdio: ['pipe', options.stdout ? 'pipe' : 'ignore', 'pipe'] });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      if (stderr.length < 10_000) stderr += chunk.toString('utf8');
    });
    if (options.stdin) options.stdin.pipe(child.stdin!);
    else child.stdin!.end();
    if (options.stdout) child.stdout!.pipe(options.stdout);
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new BackupRefused(`${program} was not found on PATH: ${CLIENT_PACKAGE}`)
          : error,
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${program} failed (exit ${code}): ${stderr.trim().split('\n')[0]}`)),
    );
  });
}

/** Fails with the one line naming the package when a client program is not on PATH. */
export async function requireClients(programs: string[]): Promise<void> {
  for (const program of programs) await runClient(program, ['--version']);
}

/** The schema Mutu's tables live in on PostgreSQL. */
export const schemaOf = (schema: string | undefined): string => schema ?? 'public';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `pg_dump` of the one schema, custom format (compressed, restorable table by table). */
export async function dumpPostgres(url: string, schema: string, target: string): Promise<string[]> {
  const migrations = await withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      `SELECT name FROM "${schema}".mutu_migrations ORDER BY id`,
    );
    return rows.map((r) => r.name);
  });
  await runClient('pg_dump', [
    '--format=custom',
    '--no-owner',
    '--no-privileges',
    `--schema=${schema}`,
    `--file=${target}`,
    `--dbname=${url}`,
  ]);
  return migrations;
}

/** How many tables, views and sequences the schema holds (0: safe to restore into). */
export function postgresRelations(url: string, schema: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE s.nspname = $1`,
      [schema],
    );
    return Number(rows[0].n);
  });
}

/** `restore --force`: the schema emptied (dropped with everything in it, then created again). */
export function emptyPostgresSchema(url: string, schema: string): Promise<void> {
  return withClient(url, async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.query(`CREATE SCHEMA "${schema}"`);
  });
}

/**
 * pg_dump names every object with its schema. To restore into another schema (a second install,
 * a restore drill beside the live one), the SQL that pg_restore writes is rewritten on its way to
 * psql: `from.` becomes `to.` in statements, never inside COPY data, and the schema's own
 * CREATE/COMMENT lines are dropped (the target schema exists already).
 */
export class SchemaRename extends Transform {
  private rest = '';
  private inCopy = false;

  constructor(
    private readonly from: string,
    private readonly to: string,
  ) {
    super();
  }

  private line(line: string): string | null {
    if (this.inCopy) {
      if (line === '\\.') this.inCopy = false;
      return line;
    }
    if (
      new RegExp(`^(CREATE SCHEMA|COMMENT ON SCHEMA) "?${this.from}"?[ ;]`).test(line) ||
      line === `CREATE SCHEMA ${this.from};`
    )
      return null;
    if (/^COPY .* FROM stdin;$/.test(line)) this.inCopy = true;
    return this.from === this.to
      ? line
      : line.replace(new RegExp(`(^|[^A-Za-z0-9_$"])"?${this.from}"?\\.`, 'g'), `$1${this.to}.`);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const lines = (this.rest + chunk.toString('utf8')).split('\n');
    this.rest = lines.pop()!;
    const out = lines.map((l) => this.line(l)).filter((l) => l !== null);
    done(null, out.length ? `${out.join('\n')}\n` : '');
  }

  override _flush(done: TransformCallback): void {
    const last = this.rest ? this.line(this.rest) : null;
    done(null, last ?? '');
  }
}

/** pg_restore of a custom-format dump into the configured schema, in one transaction. */
export async function restorePostgres(
  url: string,
  dump: string,
  fromSchema: string,
  toSchema: string,
): Promise<void> {
  await withClient(url, (client) => client.query(`CREATE SCHEMA IF NOT EXISTS "${toSchema}"`));
  const sql = new SchemaRename(fromSchema, toSchema);
  const psql = runClient(
    'psql',
    ['--no-psqlrc', '--quiet', '--single-transaction', '-v', 'ON_ERROR_STOP=1', `--dbname=${url}`],
    { stdin: sql },
  );
  const restore = runClient('pg_restore', ['--no-owner', '--no-privileges', '--file=-', dump], {
    stdout: sql,
  });
  await Promise.all([restore, psql]);
}
