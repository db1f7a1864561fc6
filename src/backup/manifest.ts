import type { DatabaseEngine } from '../config/configuration.js';

/**
 * What a backup archive holds, in order:
 *   mutu-backup.json   the format version and where it came from (first, so a newer format is
 *                      refused before anything else is read)
 *   database/…         mutu.sqlite (SQLite online backup) or mutu.pgdump (pg_dump, custom format)
 *   evidence/ab/cd/<sha256>, reports/<sha256>.pdf
 *   manifest.json      every member above with its size and SHA-256, and the migration list (last,
 *                      because it is only known once every byte has been read and hashed)
 */
export const FORMAT_VERSION = 1;
export const HEAD_NAME = 'mutu-backup.json';
export const MANIFEST_NAME = 'manifest.json';
export const DATABASE_MEMBER: Record<DatabaseEngine, string> = {
  sqlite: 'database/mutu.sqlite',
  postgres: 'database/mutu.pgdump',
};

export interface BackupHead {
  format: number;
  mutuVersion: string;
  engine: DatabaseEngine;
  createdAt: string;
}

export interface ManifestMember {
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest extends BackupHead {
  /** Migrations applied to the database in the archive, oldest first. */
  migrations: string[];
  /** PostgreSQL: the schema the dump was taken from. */
  schema?: string;
  members: ManifestMember[];
}

/** A backup that must not be restored; the message is the one line the administrator sees. */
export class BackupRefused extends Error {
  override name = 'BackupRefused';
}

const SHA256 = '[0-9a-f]{64}';
const MEMBER_PATH = new RegExp(
  `^(database/mutu\\.(sqlite|pgdump)|evidence/[0-9a-f]{2}/[0-9a-f]{2}/${SHA256}|reports/${SHA256}\\.pdf)$`,
);

/** Only names Mutu writes: no absolute paths, no `..`, nothing outside the three folders. */
export function isMemberPath(path: string): boolean {
  return MEMBER_PATH.test(path);
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BackupRefused(`${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

function parseJson(bytes: Buffer, what: string): Record<string, unknown> {
  try {
    return object(JSON.parse(bytes.toString('utf8')), what);
  } catch (error) {
    if (error instanceof BackupRefused) throw error;
    throw new BackupRefused(`${what} is not valid JSON`);
  }
}

/** The first member: refuses another program's archive and a format newer than this Mutu reads. */
export function parseHead(bytes: Buffer): BackupHead {
  const head = parseJson(bytes, HEAD_NAME);
  if (typeof head.format !== 'number' || !Number.isInteger(head.format))
    throw new BackupRefused(`Not a Mutu backup: ${HEAD_NAME} has no format version`);
  if (head.format > FORMAT_VERSION)
    throw new BackupRefused(
      `Backup format ${head.format} is newer than this Mutu reads (${FORMAT_VERSION}, Mutu ${String(head.mutuVersion)}): upgrade Mutu first`,
    );
  if (head.engine !== 'sqlite' && head.engine !== 'postgres')
    throw new BackupRefused(`${HEAD_NAME} names an unknown database engine`);
  return {
    format: head.format,
    mutuVersion: String(head.mutuVersion),
    engine: head.engine,
    createdAt: String(head.createdAt),
  };
}

export function parseManifest(bytes: Buffer, head: BackupHead): Manifest {
  const m = parseJson(bytes, MANIFEST_NAME);
  if (m.format !== head.format || m.engine !== head.engine || m.createdAt !== head.createdAt)
    throw new BackupRefused(`${MANIFEST_NAME} does not belong with ${HEAD_NAME} (members swapped)`);
  if (!Array.isArray(m.migrations) || !m.migrations.every((x) => typeof x === 'string'))
    throw new BackupRefused(`${MANIFEST_NAME} has no migration list`);
  if (!Array.isArray(m.members)) throw new BackupRefused(`${MANIFEST_NAME} has no member list`);
  const members = m.members.map((raw) => {
    const x = object(raw, `A ${MANIFEST_NAME} member`);
    if (
      typeof x.path !== 'string' ||
      !isMemberPath(x.path) ||
      typeof x.size !== 'number' ||
      !Number.isSafeInteger(x.size) ||
      x.size < 0 ||
      typeof x.sha256 !== 'string' ||
      !new RegExp(`^${SHA256}$`).test(x.sha256)
    )
      throw new BackupRefused(`${MANIFEST_NAME} lists a malformed member: ${JSON.stringify(raw)}`);
    return { path: x.path, size: x.size, sha256: x.sha256 };
  });
  return {
    ...head,
    migrations: m.migrations,
    schema: typeof m.schema === 'string' ? m.schema : undefined,
    members,
  };
}

/**
 * The members read from the archive against the manifest's list: the same set, each with the
 * listed size and SHA-256, the database among them, and no migration this Mutu does not know.
 */
export function checkMembers(
  manifest: Manifest,
  seen: ManifestMember[],
  knownMigrations: string[],
): void {
  const listed = new Map(manifest.members.map((m) => [m.path, m]));
  if (listed.size !== manifest.members.length)
    throw new BackupRefused(`${MANIFEST_NAME} lists a member twice`);
  const found = new Set<string>();
  for (const s of seen) {
    const m = listed.get(s.path);
    if (!m) throw new BackupRefused(`${s.path} is in the archive but not in the manifest`);
    if (found.has(s.path)) throw new BackupRefused(`${s.path} is in the archive twice`);
    found.add(s.path);
    if (m.size !== s.size)
      throw new BackupRefused(`${s.path}: ${s.size} bytes, the manifest says ${m.size}`);
    if (m.sha256 !== s.sha256)
      throw new BackupRefused(
        `${s.path}: checksum mismatch (SHA-256 ${s.sha256}, the manifest says ${m.sha256})`,
      );
  }
  const missing = manifest.members.find((m) => !found.has(m.path));
  if (missing) throw new BackupRefused(`${missing.path} is in the manifest but not in the archive`);
  if (!found.has(DATABASE_MEMBER[manifest.engine]))
    throw new BackupRefused(`The archive holds no ${manifest.engine} database`);
  const known = new Set(knownMigrations);
  const unknown = manifest.migrations.find((name) => !known.has(name));
  if (unknown)
    throw new BackupRefused(
      `The backup's database has migration ${unknown}, which this Mutu does not know: it was made by a newer Mutu (${manifest.mutuVersion})`,
    );
}
