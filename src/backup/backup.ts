import { mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { MutuConfig } from '../config/configuration.js';
import { projectRoot } from '../config/project-root.js';
import { ArchiveWriter, compressionFor, fileChunks, type ByteProgress } from './archive.js';
import { dumpPostgres, schemaOf, snapshotSqlite } from './database-snapshot.js';
import {
  DATABASE_MEMBER,
  FORMAT_VERSION,
  HEAD_NAME,
  MANIFEST_NAME,
  type BackupHead,
  type Manifest,
} from './manifest.js';

export interface BackupResult {
  path: string;
  archiveBytes: number;
  databaseBytes: number;
  evidenceFiles: number;
  reportFiles: number;
  /** Member bytes before compression. */
  bytes: number;
  /** Stored files whose bytes no longer match their name (archived as found). */
  altered: string[];
}

export async function mutuVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(projectRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

const EVIDENCE_FILE = /^[0-9a-f]{2}\/[0-9a-f]{2}\/([0-9a-f]{64})$/;
const REPORT_FILE = /^([0-9a-f]{64})\.pdf$/;

/** The stored files under a store's folder (not its tmp/), as paths relative to it, sorted. */
async function storedFiles(
  root: string,
  pattern: RegExp,
): Promise<{ relative: string; sha256: string }[]> {
  let names: string[];
  try {
    names = await readdir(root, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .map((n) => n.split(sep).join('/'))
    .map((relative) => ({ relative, match: pattern.exec(relative) }))
    .filter((x) => x.match)
    .map((x) => ({ relative: x.relative, sha256: x.match![1] }))
    .sort((a, b) => a.relative.localeCompare(b.relative));
}

/**
 * `mutu backup --out FILE`: the database snapshot first (the app keeps serving meanwhile), then
 * every evidence file and issued report on disk at that moment, streamed one by one into the
 * archive. Files are only ever added to the stores, so the files on disk after the snapshot are a
 * superset of those the snapshot refers to. Written to FILE.part and renamed when complete.
 */
export async function createBackup(
  config: MutuConfig,
  out: string,
  onProgress: (p: ByteProgress) => void = () => undefined,
): Promise<BackupResult> {
  const path = resolve(out);
  const compression = compressionFor(path);
  const work = await mkdtemp(join(dirname(path), `.${basename(path)}-`));
  const partial = `${path}.part`;
  let writer: ArchiveWriter | undefined;
  try {
    const engine = config.database.engine;
    const dbFile = join(work, basename(DATABASE_MEMBER[engine]));
    const migrations =
      config.database.engine === 'sqlite'
        ? await snapshotSqlite(config.database.path, dbFile)
        : await dumpPostgres(config.database.url, schemaOf(config.database.schema), dbFile);
    const evidence = await storedFiles(join(config.dataDir, 'evidence'), EVIDENCE_FILE);
    const reports = await storedFiles(join(config.dataDir, 'reports'), REPORT_FILE);
    const files = [
      { source: dbFile, name: DATABASE_MEMBER[engine], sha256: null as string | null },
      ...evidence.map((f) => ({
        source: join(config.dataDir, 'evidence', f.relative),
        name: `evidence/${f.relative}`,
        sha256: f.sha256,
      })),
      ...reports.map((f) => ({
        source: join(config.dataDir, 'reports', f.relative),
        name: `reports/${f.relative}`,
        sha256: f.sha256,
      })),
    ];
    const sizes = await Promise.all(files.map(async (f) => (await stat(f.source)).size));
    const totalBytes = sizes.reduce((a, b) => a + b, 0);

    const head: BackupHead = {
      format: FORMAT_VERSION,
      mutuVersion: await mutuVersion(),
      engine,
      createdAt: new Date().toISOString(),
    };
    await rm(partial, { force: true });
    writer = new ArchiveWriter(partial, compression);
    await writer.addJson(HEAD_NAME, head);
    const altered: string[] = [];
    for (const [i, f] of files.entries()) {
      const member = await writer.add(f.name, sizes[i], fileChunks(f.source), (bytes) =>
        onProgress({ bytes, totalBytes }),
      );
      if (f.sha256 && member.sha256 !== f.sha256) altered.push(f.name);
    }
    const manifest: Manifest = {
      ...head,
      migrations,
      ...(engine === 'postgres'
        ? {
            schema: schemaOf(
              config.database.engine === 'postgres' ? config.database.schema : undefined,
            ),
          }
        : {}),
      members: writer.members,
    };
    await writer.addJson(MANIFEST_NAME, manifest);
    await writer.finish();
    await rename(partial, path);
    return {
      path,
      archiveBytes: (await stat(path)).size,
      databaseBytes: sizes[0],
      evidenceFiles: evidence.length,
      reportFiles: reports.length,
      bytes: totalBytes,
      altered,
    };
  } catch (error) {
    writer?.destroy();
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
