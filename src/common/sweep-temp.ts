import { randomUUID } from 'node:crypto';
import { lstat, readdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** A temporary file of another host untouched for this long is a crash's leftover, not a write in progress. */
export const TEMP_FILE_MAX_AGE_MS = 60 * 60_000;

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** This host's name as it may appear in a file name. */
const HOST =
  hostname()
    .replace(/[^A-Za-z0-9.-]/g, '_')
    .slice(0, 64) || 'host';
/** `<host>~<pid>~<uuid>.part`: which process on which host writes the file. */
const OWNED = /^([A-Za-z0-9._-]{1,64})~(\d{1,10})~[0-9a-f-]{36}\.part$/;

/** A name for a new temporary file that tells which process writes it (for the sweep after a crash). */
export function temporaryFileName(): string {
  return `${HOST}~${process.pid}~${randomUUID()}.part`;
}

/** `<host>~<pid>~`: the start of a temporary name that tells which process made it. */
export function writerPrefix(): string {
  return `${HOST}~${process.pid}~`;
}

const PREFIXED = /^([A-Za-z0-9._-]{1,64})~(\d{1,10})~/;

/**
 * Whether the process named at the start of `name` (after `prefix`, see writerPrefix) is certainly
 * gone: see writerIsGone. Names of other hosts or without a writer are never "gone".
 */
export function writerOfNameIsGone(name: string, prefix: string, mtimeMs: number): boolean {
  if (!name.startsWith(prefix)) return false;
  const owner = PREFIXED.exec(name.slice(prefix.length));
  if (!owner || owner[1] !== HOST) return false;
  const pid = Number(owner[2]);
  if (pid === process.pid) return mtimeMs < Date.now() - process.uptime() * 1000;
  return !processIsAlive(pid);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the process that wrote a temporary file is certainly gone: it ran on this host and no
 * process has its id any more, or its id is ours and the file is older than this process (the
 * killed instance we replace, e.g. PID 1 of a restarted container).
 */
function writerIsGone(name: string, mtimeMs: number): boolean {
  return OWNED.test(name) && writerOfNameIsGone(name, '', mtimeMs);
}

/**
 * Removes the files in `dir` that a crashed process left behind; returns how many.
 *
 * Several instances may share one data volume, so a file is removed only when its writer is
 * certainly gone. Every temporary file is named after its writer (host and process id, see
 * temporaryFileName): a file of this host whose process no longer exists is removed at once, so a
 * restart right after a crash (SIGKILL, OOM kill, power cut) leaves nothing behind. A file of a
 * live process is kept however old (a slow upload). A file of another host, whose process cannot
 * be asked, or with a name of an older version, is removed once it has been untouched for
 * `maxAgeMs` (one hour: a stream being written keeps its modification time fresh). A missing
 * directory means nothing to sweep; a file that vanishes meanwhile was swept by another instance.
 */
export async function sweepTemporaryFiles(
  dir: string,
  options: { maxAgeMs?: number; now?: Date } = {},
): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (isMissing(error)) return 0;
    throw error;
  }
  const cutoff = (options.now ?? new Date()).getTime() - (options.maxAgeMs ?? TEMP_FILE_MAX_AGE_MS);
  const removed = await Promise.all(
    names.map(async (name) => {
      const path = join(dir, name);
      try {
        const s = await lstat(path);
        if (!s.isFile()) return false;
        const owner = OWNED.exec(name);
        const ours = owner?.[1] === HOST;
        const stale = ours ? writerIsGone(name, s.mtimeMs) : s.mtimeMs <= cutoff;
        if (!stale) return false;
        await rm(path);
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    }),
  );
  return removed.filter(Boolean).length;
}
