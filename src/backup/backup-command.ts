import { resolve } from 'node:path';
import { UsageError, type CommandSpec, type ParsedArgs } from '../common/command-line.js';
import { loadConfig, type MutuConfig } from '../config/configuration.js';
import { describeReport } from '../evidence/evidence-verify.js';
import { zstdAvailable, type ByteProgress } from './archive.js';
import { createBackup } from './backup.js';
import { BackupRefused } from './manifest.js';
import { restoreBackup, verifyBackup } from './restore.js';

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * Progress on stderr, as the other long commands do it: redrawn in place on a terminal (at most
 * every 200 ms), otherwise one line every `everyMs`; a run shorter than that prints nothing.
 */
export function byteProgressPrinter(
  label: string,
  write: (text: string) => void,
  tty: boolean,
  everyMs = 2000,
  now: () => number = Date.now,
): { update(p: ByteProgress): void; end(): void } {
  let last = now();
  let printed = false;
  return {
    update(p) {
      if (now() - last < (tty ? 200 : everyMs)) return;
      last = now();
      printed = true;
      const percent = p.totalBytes ? Math.min(100, Math.floor((p.bytes / p.totalBytes) * 100)) : 0;
      const text = `${label}: ${megabytes(p.bytes)} of ${megabytes(p.totalBytes)} (${percent} %)`;
      write(tty ? `\r${text}\x1b[K` : `${text}\n`);
    },
    end() {
      if (printed && tty) write('\n');
    },
  };
}

const stderrProgress = (label: string): ReturnType<typeof byteProgressPrinter> =>
  byteProgressPrinter(label, (t) => process.stderr.write(t), process.stderr.isTTY === true);

/** A refusal is one line and exit 1; anything else propagates (the CLI prints its message). */
async function refusing(name: string, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof BackupRefused)) throw error;
    console.error(`mutu ${name}: ${error.message}`);
    return 1;
  }
}

export const backupCommand = {
  spec: {
    name: 'backup',
    summary:
      'write one archive of the database snapshot (taken while the app keeps serving), every evidence file, every issued report and a manifest; or check an archive without restoring it',
    details: `${zstdAvailable() ? '.tar.zst is available on this Node.' : `.tar.zst needs zstd in node:zlib (Node 22.15+); this Node (${process.version}) writes .tar.gz only.`}`,
    usage: ['backup --out FILE.tar.gz', 'backup --verify FILE.tar.gz'],
    options: {
      out: {
        type: 'string',
        value: 'FILE',
        description: 'the archive to write (.tar.gz, or .tar.zst where Node has zstd)',
      },
      verify: {
        type: 'string',
        value: 'FILE',
        description: 'check an archive against its manifest; writes nothing',
      },
    },
  } satisfies CommandSpec,
  run(config: MutuConfig, { values }: ParsedArgs): Promise<number> {
    const out = values.out as string | undefined;
    const check = values.verify as string | undefined;
    if (out && check) throw new UsageError('give --out or --verify, not both');
    if (!out && !check) throw new UsageError('--out FILE or --verify FILE is required');
    return refusing('backup', async () => {
      const started = performance.now();
      if (check) {
        const progress = stderrProgress('verify');
        const manifest = await verifyBackup(resolve(check), (p) => progress.update(p));
        progress.end();
        const bytes = manifest.members.reduce((n, m) => n + m.size, 0);
        console.log(
          `Backup OK: ${manifest.members.length} members, ${megabytes(bytes)}, all sizes and SHA-256 match the manifest (format ${manifest.format}, Mutu ${manifest.mutuVersion}, ${manifest.engine}, made ${manifest.createdAt}, ${manifest.migrations.length} migrations) in ${seconds(performance.now() - started)}.`,
        );
        return 0;
      }
      const progress = stderrProgress('backup');
      const result = await createBackup(config, out!, (p) => progress.update(p));
      progress.end();
      for (const name of result.altered)
        console.error(
          `mutu backup: ${name} no longer matches its SHA-256 (archived as found; run \`npm run mutu -- verify\`)`,
        );
      console.log(
        `Backup written: ${result.path} (${megabytes(result.archiveBytes)}; database ${megabytes(result.databaseBytes)}, ${result.evidenceFiles} evidence files, ${result.reportFiles} issued reports, ${megabytes(result.bytes)} before compression) in ${seconds(performance.now() - started)}.`,
      );
      return 0;
    });
  },
};

export const restoreCommand = {
  spec: {
    name: 'restore',
    summary:
      'restore a backup: checks the whole archive against its manifest before writing anything, refuses a non-empty data folder or PostgreSQL schema (unless --force), restores, runs pending migrations, then verifies the evidence',
    details:
      'A SQLite backup restores into a SQLite data folder (DATABASE_URL unset), a PostgreSQL backup into the PostgreSQL database and schema configured by DATABASE_URL / DATABASE_SCHEMA. Restoring SQLite into PostgreSQL is not supported.',
    usage: ['restore FILE.tar.gz [--data-dir DIR] [--force]'],
    options: {
      'data-dir': {
        type: 'string',
        value: 'DIR',
        description: 'restore into this data folder instead of DATA_DIR',
      },
      force: {
        type: 'boolean',
        description: 'replace the database, evidence and reports already in the target',
      },
    },
    positionals: { min: 1, max: 1, name: 'FILE' },
  } satisfies CommandSpec,
  run(config: MutuConfig, { values, positionals }: ParsedArgs): Promise<number> {
    const dataDir = values['data-dir'] as string | undefined;
    const target = dataDir ? loadConfig({ ...process.env, DATA_DIR: dataDir }) : config;
    return refusing('restore', async () => {
      const started = performance.now();
      const progress = stderrProgress('restore');
      const result = await restoreBackup(target, resolve(positionals[0]), {
        force: values.force === true,
        onProgress: (_phase, p) => progress.update(p),
      });
      progress.end();
      console.log(
        `Restored ${result.files} files from a backup of ${result.manifest.createdAt} (Mutu ${result.manifest.mutuVersion}, ${result.manifest.engine}) into ${target.dataDir}${target.database.engine === 'postgres' ? ` and PostgreSQL schema ${target.database.schema ?? 'public'}` : ''} in ${seconds(performance.now() - started)}.`,
      );
      console.log(
        result.migrationsRun.length
          ? `Applied: ${result.migrationsRun.join(', ')}`
          : 'Database is up to date.',
      );
      for (const line of describeReport(result.verify)) console.log(line);
      return result.verify.problems.length ? 1 : 0;
    });
  },
};
