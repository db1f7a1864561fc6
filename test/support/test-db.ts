import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, type MutuConfig } from '../../src/config/configuration.js';

export type Engine = 'sqlite' | 'postgres';

export const engine: Engine = process.env.MUTU_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
export const POSTGRES_URL =
  process.env.MUTU_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresAnswers(): Promise<string | null> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * `describe` for integration tests on the engine of this Jest project. The PostgreSQL run is
 * mandatory in CI (CI=true): there an unreachable server fails the suite; elsewhere it is skipped
 * with a message.
 */
async function engineDescribe(): Promise<jest.Describe> {
  if (engine === 'sqlite') return describe;
  const problem = await postgresAnswers();
  if (!problem) return describe;
  if (process.env.CI === 'true')
    throw new Error(
      `PostgreSQL at ${POSTGRES_URL} does not answer (${problem}); it is required in CI`,
    );
  console.warn(`Skipping PostgreSQL tests: ${POSTGRES_URL} does not answer (${problem})`);
  return describe.skip;
}

export const describeDb = await engineDescribe();

export interface TestDatabase {
  config: MutuConfig;
  dataDir: string;
  drop(): Promise<void>;
}

/** Runs work on one connection to the test server's own database, closed afterwards. */
export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The environment every test database starts from (before a test's own settings). */
export const testEnv = (dataDir: string): Record<string, string> => ({
  DATA_DIR: dataDir,
  NODE_ENV: 'test',
  LOG_LEVEL: 'error',
  // PDFs render beside other test files on a 2-core CI machine: give Chromium room first.
  MUTU_PDF_TIMEOUT_MS: '90000',
  // Every file starts an app with demo data: no background PDFs of its surveys unless asked.
  MUTU_SURVEY_EVIDENCE_BACKFILL: 'false',
  // Sign-ins are the same code at any argon2 cost; at the production cost (64 MiB, 3 passes) each
  // one is ≈ 0,25 s of CPU, and the suite signs in thousands of times.
  MUTU_PASSWORD_MEMORY_KIB: '1024',
  MUTU_PASSWORD_PASSES: '1',
  MUTU_PASSWORD_LANES: '1',
});

/** A fresh, empty database of this run's engine: a temporary SQLite file or a PostgreSQL schema of its own. */
export async function createTestDatabase(env: Record<string, string> = {}): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mutu-test-'));
  const base: Record<string, string> = { ...testEnv(dataDir), ...env };
  if (engine === 'sqlite') {
    return {
      config: loadConfig(base),
      dataDir,
      drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
    };
  }
  const schema = `mutu_t_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE SCHEMA ${schema}`));
  return {
    config: loadConfig({ ...base, DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema }),
    dataDir,
    drop: async () => {
      await withAdmin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
