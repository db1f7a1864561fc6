import { createHash, randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/configuration.js';
import { projectRoot } from '../../src/config/project-root.js';
import { engine, POSTGRES_URL, testEnv, withAdmin, type TestDatabase } from './test-db.js';

/*
 * Most test files start the app on a fresh database with the demo data, and migrating and seeding
 * one costs seconds (the catalogue, the Kupang demo, every unit's readiness). The result is the same
 * every time for the same code, so each engine builds it once per run through the real start-up
 * (createApp on an empty database) and every test file gets a copy: the SQLite file and data folder
 * copied, the PostgreSQL database cloned with CREATE DATABASE … TEMPLATE. The copy's own start then
 * runs the migrations and the seeder again, which find nothing to do (what a restart does).
 *
 * The template is keyed by the code it was made by (src/ and seeds/), the WITA day (the demo dates
 * are relative to today) and the engine, so a change to a migration or a seed file builds a new one.
 * Only the default start-up uses it: an environment that changes what is seeded (MUTU_DEMO=false,
 * deadlines, notification settings…) starts from an empty database as before.
 */

/** Settings that change how the app answers, never what a start-up writes to the database. */
const RUNTIME_ONLY = new Set([
  'PORT',
  'TRUST_PROXY',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'CHROMIUM_PATH',
  'MUTU_UPLOAD_LIMIT_MB',
  'MUTU_MAX_INFLIGHT',
  'MUTU_MAX_LAG_MS',
  'MUTU_MIN_FREE_MB',
  'MUTU_METRICS',
  'MUTU_METRICS_TOKEN',
  'MUTU_SHUTDOWN_GRACE_S',
  'MUTU_REPORT_CACHE_MB',
  'MUTU_PDF_CONCURRENCY',
  'MUTU_PDF_QUEUE_MAX',
  'MUTU_PDF_QUEUE_WAIT_MS',
  'MUTU_PDF_RECYCLE_AFTER',
  'MUTU_PDF_TIMEOUT_MS',
  // Runs after the server listens, never during the start-up a template is made of.
  'MUTU_SURVEY_EVIDENCE_BACKFILL',
]);

/** True when a start-up with this environment seeds exactly what the default one does. */
export const seedsAsDefault = (env: Record<string, string>): boolean =>
  Object.keys(env).every((k) => RUNTIME_ONLY.has(k));

const root = projectRoot();
const rootId = createHash('sha256').update(root).digest('hex').slice(0, 6);
const TEMPLATES = join(tmpdir(), 'mutu-test-templates');
/** Schema of the app's tables inside each cloned PostgreSQL database. */
const PG_SCHEMA = 'mutu';

function codeDigest(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!entry.name.endsWith('.spec.ts')) hash.update(path).update(readFileSync(path));
    }
  };
  for (const dir of ['src', 'seeds']) walk(join(root, dir));
  return hash.digest('hex');
}

const witaDay = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar' }).format(new Date());

let keyOfThisFile: string | undefined;
function templateKey(): string {
  keyOfThisFile ??= createHash('sha256')
    .update(`${engine}|${witaDay()}|${codeDigest()}`)
    .digest('hex')
    .slice(0, 12);
  return keyOfThisFile;
}

/** Runs the real start-up once on an empty database in dataDir (and PostgreSQL database/schema). */
async function seedOnce(dataDir: string, database?: string): Promise<void> {
  const env = testEnv(dataDir);
  if (database) Object.assign(env, { DATABASE_URL: urlOf(database), DATABASE_SCHEMA: PG_SCHEMA });
  const app = await createApp(loadConfig(env), { logger: false });
  await app.close();
}

const urlOf = (database: string): string => {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
};

// ---- SQLite: a data folder holding mutu.sqlite and the evidence store ----------------------------

async function ensureSqliteTemplate(): Promise<string> {
  const final = join(TEMPLATES, `${rootId}-sqlite-${templateKey()}`);
  if (existsSync(final)) return final;
  mkdirSync(TEMPLATES, { recursive: true });
  const building = mkdtempSync(`${final}.building-`);
  await seedOnce(building);
  try {
    // Publishing is one rename: a folder that exists under the final name is complete. When two
    // workers built at once, the second rename fails and its copy is thrown away.
    renameSync(building, final);
    pruneSqlite(final);
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  return final;
}

function pruneSqlite(keep: string): void {
  for (const name of readdirSync(TEMPLATES))
    if (
      name.startsWith(`${rootId}-sqlite-`) &&
      join(TEMPLATES, name) !== keep &&
      !name.includes('.building-')
    )
      rmSync(join(TEMPLATES, name), { recursive: true, force: true });
}

// ---- PostgreSQL: a template database (its data folder named in the database's comment) -----------

const pgTemplateName = (): string => `mutu_tpl_${rootId}_${templateKey()}`;

async function templateDataDir(client: pg.Client, name: string): Promise<string | null> {
  const { rows } = await client.query<{ dir: string | null }>(
    `SELECT shobj_description(oid, 'pg_database') AS dir FROM pg_database WHERE datname = $1`,
    [name],
  );
  return rows[0]?.dir ?? null;
}

async function ensurePostgresTemplate(): Promise<{ name: string; dataDir: string }> {
  const name = pgTemplateName();
  const existing = await withAdmin((c) => templateDataDir(c, name));
  if (existing) return { name, dataDir: existing };
  mkdirSync(TEMPLATES, { recursive: true });
  const building = `${name}_b${randomBytes(3).toString('hex')}`;
  const dataDir = mkdtempSync(join(TEMPLATES, `${name}-`));
  await withAdmin((c) => c.query(`CREATE DATABASE ${building}`));
  const schemaClient = new pg.Client({ connectionString: urlOf(building) });
  await schemaClient.connect();
  await schemaClient.query(`CREATE SCHEMA ${PG_SCHEMA}`);
  await schemaClient.end();
  await seedOnce(dataDir, building);
  return withAdmin(async (c) => {
    await c.query(`COMMENT ON DATABASE ${building} IS '${dataDir.replaceAll("'", "''")}'`);
    try {
      // As for SQLite: the rename publishes a complete template; the loser of a race drops its own.
      await c.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      await prunePostgres(c, name);
      return { name, dataDir };
    } catch {
      await c.query(`DROP DATABASE IF EXISTS ${building}`);
      rmSync(dataDir, { recursive: true, force: true });
      const winner = await templateDataDir(c, name);
      if (!winner) throw new Error(`PostgreSQL test template ${name} could not be published`);
      return { name, dataDir: winner };
    }
  });
}

async function prunePostgres(client: pg.Client, keep: string): Promise<void> {
  const { rows } = await client.query<{ datname: string; dir: string | null }>(
    `SELECT datname, shobj_description(oid, 'pg_database') AS dir FROM pg_database
      WHERE datname LIKE $1 AND datname <> $2`,
    [`mutu_tpl_${rootId}_%`, keep],
  );
  for (const row of rows) {
    // Still cloned by a run of older code: leave it for the next prune.
    const dropped = await client
      .query(`DROP DATABASE ${row.datname}`)
      .then(() => true)
      .catch(() => false);
    if (dropped && row.dir) rmSync(row.dir, { recursive: true, force: true });
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A copy of the seeded template: the state the default start-up leaves, ready in well under a second. */
export async function createSeededTestDatabase(
  env: Record<string, string> = {},
): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mutu-test-'));
  if (engine === 'sqlite') {
    cpSync(await ensureSqliteTemplate(), dataDir, { recursive: true });
    return {
      config: loadConfig({ ...testEnv(dataDir), ...env }),
      dataDir,
      drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
    };
  }
  const template = await ensurePostgresTemplate();
  cpSync(template.dataDir, dataDir, { recursive: true });
  const database = `mutu_t_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE ${database} TEMPLATE ${template.name}`);
        return;
      } catch (error) {
        // 55006: another worker's clone of the same template is being made at this instant.
        if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
        await sleep(100 + Math.random() * 200);
      }
    }
  });
  return {
    config: loadConfig({
      ...testEnv(dataDir),
      ...env,
      DATABASE_URL: urlOf(database),
      DATABASE_SCHEMA: PG_SCHEMA,
    }),
    dataDir,
    drop: async () => {
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
