import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** A temporary file untouched for this long is a crash's leftover, not a write in progress. */
export const TEMP_FILE_MAX_AGE_MS = 60 * 60_000;

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Removes the files in `dir` not modified for `maxAgeMs` (one hour); returns how many. Several
 * instances may share one data volume: a younger file can be another instance's upload or report
 * still being written (a stream being written keeps its modification time fresh), so it stays. A
 * missing directory means nothing to sweep; a file that vanishes meanwhile was swept by another
 * instance.
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
        if (!s.isFile() || s.mtimeMs > cutoff) return false;
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
