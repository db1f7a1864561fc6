import { access, constants, statfs } from 'node:fs/promises';

export interface DataDirCheck {
  ok: boolean;
  writable: boolean;
  freeBytes: number | null;
  minFreeBytes: number;
  /** Why it is not ok, in a few words for the operator. */
  problem?: string;
}

/** The data folder: present, writable, and with at least minFreeBytes free for unprivileged users. */
export async function checkDataDir(dir: string, minFreeBytes: number): Promise<DataDirCheck> {
  let writable = false;
  try {
    await access(dir, constants.W_OK);
    writable = true;
  } catch (error) {
    return {
      ok: false,
      writable,
      freeBytes: null,
      minFreeBytes,
      problem: `not writable (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    };
  }
  const fs = await statfs(dir);
  const freeBytes = fs.bavail * fs.bsize;
  return freeBytes >= minFreeBytes
    ? { ok: true, writable, freeBytes, minFreeBytes }
    : {
        ok: false,
        writable,
        freeBytes,
        minFreeBytes,
        problem: 'free space below MUTU_MIN_FREE_MB',
      };
}
