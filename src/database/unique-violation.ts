import { QueryFailedError } from 'typeorm';

/** Whether a write failed on a unique index (PostgreSQL 23505, SQLite's UNIQUE constraint). */
export const isUniqueViolation = (error: unknown): boolean => {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};
