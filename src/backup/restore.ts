import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { MutuConfig } from '../config/configuration.js';
import { createDataSource } from '../database/data-source.js';
import { MIGRATIONS } from '../database/migrations/index.js';
import { EvidenceStore } from '../evidence/evidence-store.js';
import { verifyEvidenceFiles, type VerifyReport } from '../evidence/evidence-verify.js';
import { inspectArchive, readArchive, type ByteProgress } from './archive.js';
import {
  emptyPostgresSchema,
  postgresRelations,
  requireClients,
  restorePostgres,
  schemaOf,
} from './database-snapshot.js';
import { BackupRefused, DATABASE_MEMBER, type Manifest } from './manifest.js';

/** Migration names this Mutu knows (a backup with another one was made by a newer Mutu). */
export const knownMigrations = (): string[] => MIGRATIONS.map((m) => m.name);

/** `backup --verify`: every byte read and checked against the manifest; nothing written. */
export function verifyBackup(
  archive: string,
  onProgress?: (p: ByteProgress) => void,
): Promise<Manifest> {
  return inspectArchive(archive, knownMigrations(), onProgress);
}

export interface RestoreResult {
  manifest: Manifest;
  files: number;
  migrationsRun: string[];
  verify: VerifyReport;
}

async function entriesOf(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Refuses what a restore must not overwrite, before anything is written; --force empties it. */
async function prepareTarget(
  config: MutuConfig,
  manifest: Manifest,
  force: boolean,
): Promise<void> {
  const engine = config.database.engine;
  if (manifest.engine !== engine)
    throw new BackupRefused(
      manifest.engine === 'sqlite'
        ? 'This is a SQLite backup and DATABASE_URL points at PostgreSQL: restoring SQLite into PostgreSQL is not supported (restore it with DATABASE_URL unset, into a SQLite data folder)'
        : 'This is a PostgreSQL backup and no DATABASE_URL is set: restore it into PostgreSQL (set DATABASE_URL and DATABASE_SCHEMA)',
    );
  // Before anything is written: a restore that stops half-way for want of psql helps no one.
  if (engine === 'postgres') await requireClients(['pg_restore', 'psql']);
  const entries = await entriesOf(config.dataDir);
  const schema = config.database.engine === 'postgres' ? schemaOf(config.database.schema) : '';
  const relations =
    config.database.engine === 'postgres'
      ? await postgresRelations(config.database.url, schema)
      : 0;
  if (!force && entries.length)
    throw new BackupRefused(
      `The data folder ${config.dataDir} is not empty (${entries.length} entries): restore into an empty folder, or add --force to replace what is there`,
    );
  if (!force && relations)
    throw new BackupRefused(
      `The PostgreSQL schema ${schema} is not empty (${relations} tables, sequences or views): restore into an empty schema, or add --force to replace it`,
    );
  if (force) {
    for (const name of ['mutu.sqlite', 'mutu.sqlite-wal', 'mutu.sqlite-shm', 'evidence', 'reports'])
      await rm(join(config.dataDir, name), { recursive: true, force: true });
    if (config.database.engine === 'postgres' && relations)
      await emptyPostgresSchema(config.database.url, schema);
  }
}

/** Writes one member to its place: streamed into a temporary file beside it, checked, flushed, renamed. */
async function writeMember(
  target: string,
  body: AsyncIterable<Buffer>,
  expected: { sha256: string; size: number; path: string },
): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temp = `${target}.${randomUUID()}.part`;
  const handle = await open(temp, 'wx');
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of body) {
      hash.update(chunk);
      size += chunk.length;
      await handle.write(chunk);
    }
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  if (size !== expected.size || hash.digest('hex') !== expected.sha256) {
    await rm(temp, { force: true });
    throw new BackupRefused(`${expected.path} changed since it was checked: restore stopped`);
  }
  await rename(temp, target);
}

/**
 * `mutu restore FILE`: the whole archive checked against its manifest first (nothing is written
 * until every member's size and SHA-256 matched); then the target checked (same engine, empty
 * unless --force); then every member written (re-checked on the way), the database restored,
 * pending migrations run, and the evidence verified as `mutu verify` does.
 */
export async function restoreBackup(
  config: MutuConfig,
  archive: string,
  options: { force?: boolean; onProgress?: (phase: string, p: ByteProgress) => void } = {},
): Promise<RestoreResult> {
  const progress = options.onProgress ?? (() => undefined);
  const manifest = await verifyBackup(archive, (p) => progress('check', p));
  await prepareTarget(config, manifest, options.force ?? false);

  await mkdir(config.dataDir, { recursive: true });
  const listed = new Map(manifest.members.map((m) => [m.path, m]));
  const dumpFile = join(config.dataDir, `restore-${randomUUID()}.pgdump`);
  let files = 0;
  try {
    await readArchive(
      archive,
      async (member, body) => {
        const expected = listed.get(member.path)!;
        const target =
          member.path === DATABASE_MEMBER.sqlite
            ? (config.database as { path: string }).path
            : member.path === DATABASE_MEMBER.postgres
              ? dumpFile
              : join(config.dataDir, member.path);
        await writeMember(target, body, expected);
        files++;
      },
      (p) => progress('restore', p),
    );
    if (config.database.engine === 'postgres')
      await restorePostgres(
        config.database.url,
        dumpFile,
        manifest.schema ?? 'public',
        schemaOf(config.database.schema),
      );
  } finally {
    await rm(dumpFile, { force: true });
  }

  const db = createDataSource(config);
  await db.initialize();
  try {
    const ran = await db.runMigrations({ transaction: 'each' });
    const verify = await verifyEvidenceFiles(db, new EvidenceStore(config.dataDir));
    return { manifest, files, migrationsRun: ran.map((m) => m.name), verify };
  } finally {
    await db.destroy();
  }
}
