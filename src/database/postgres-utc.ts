import pg from 'pg';

let applied = false;

/**
 * Instants live in `timestamp` columns holding UTC wall-clock time on both engines. node-postgres
 * would otherwise write and read them in the process's local zone, so a server run with TZ=Asia/Makassar
 * would shift every stored time by eight hours. The session's TimeZone is set to UTC as well
 * (see data-source.ts) so that database defaults such as now() agree.
 */
export function usePostgresUtc(): void {
  if (applied) return;
  applied = true;
  pg.defaults.parseInputDatesAsUTC = true;
  const TIMESTAMP_WITHOUT_TZ = 1114;
  pg.types.setTypeParser(
    TIMESTAMP_WITHOUT_TZ,
    (value: string) => new Date(`${value.replace(' ', 'T')}Z`),
  );
}
