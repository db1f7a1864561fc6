import type { DataSource, EntityManager } from 'typeorm';
import { LoginThrottle } from './login-throttle.entity.js';
import type { ThrottlePolicy, ThrottleState } from './throttle-rule.js';

type Db = DataSource | EntityManager;

const dataSourceOf = (db: Db): DataSource => ('manager' in db ? db : db.dataSource);

/** PostgreSQL types of the parameters (it cannot infer them inside CASE); SQLite needs none. */
const PG_TYPES: Record<string, string> = {
  now: 'timestamp',
  windowStart: 'timestamp',
  lockUntil: 'timestamp',
  max: 'integer',
  key: 'varchar',
};

/**
 * Runs SQL written with `:name` parameters on either engine: PostgreSQL numbers them ($1, $2…)
 * with their type, SQLite takes one `?` per occurrence.
 */
async function run(db: Db, sql: string, params: Record<string, unknown>): Promise<unknown[]> {
  const postgres = dataSourceOf(db).options.type === 'postgres';
  const values: unknown[] = [];
  const index = new Map<string, number>();
  const text = sql.replace(/:(\w+)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`missing SQL parameter ${name}`);
    if (!postgres) {
      values.push(params[name]);
      return '?';
    }
    if (!index.has(name)) {
      values.push(params[name]);
      index.set(name, values.length);
    }
    return `$${index.get(name)}::${PG_TYPES[name]}`;
  });
  return db.query<unknown[]>(text, values);
}

/** A Date as the engine stores an instant column (SQLite: UTC text; PostgreSQL: the Date itself). */
function instant(db: Db, value: Date): unknown {
  const ds = dataSourceOf(db);
  const column = ds.getMetadata(LoginThrottle).findColumnWithPropertyName('windowStartedAt')!;
  return ds.driver.preparePersistentValue(value, column);
}

function readInstant(db: Db, value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const ds = dataSourceOf(db);
  const column = ds.getMetadata(LoginThrottle).findColumnWithPropertyName('windowStartedAt')!;
  return ds.driver.prepareHydratedValue(value, column) as Date;
}

/*
 * One attempt, counted in one statement: insert the key or update its row, and read the result back.
 * Never read-then-write, so parallel attempts (on one instance or many) each see their own count.
 * A key still locked keeps its lock and its end; a key whose window or lock has passed starts afresh
 * at 1; otherwise the count goes up, and reaching the limit locks the key. Same rule as
 * throttle-rule.ts `afterFailure`.
 */
const COUNT_ATTEMPT = `
INSERT INTO login_throttle AS t ("key", failures, window_started_at, locked_until)
VALUES (:key, 1, :now, CASE WHEN 1 >= :max THEN :lockUntil ELSE NULL END)
ON CONFLICT ("key") DO UPDATE SET
  failures = CASE
    WHEN t.locked_until IS NOT NULL AND t.locked_until > :now THEN t.failures + 1
    WHEN t.locked_until IS NOT NULL OR t.window_started_at < :windowStart THEN 1
    ELSE t.failures + 1 END,
  window_started_at = CASE
    WHEN t.locked_until IS NOT NULL AND t.locked_until > :now THEN t.window_started_at
    WHEN t.locked_until IS NOT NULL OR t.window_started_at < :windowStart THEN :now
    ELSE t.window_started_at END,
  locked_until = CASE
    WHEN t.locked_until IS NOT NULL AND t.locked_until > :now THEN t.locked_until
    WHEN t.locked_until IS NOT NULL OR t.window_started_at < :windowStart
      THEN CASE WHEN 1 >= :max THEN :lockUntil ELSE NULL END
    WHEN t.failures + 1 >= :max THEN :lockUntil
    ELSE NULL END
RETURNING failures, locked_until AS "lockedUntil", window_started_at AS "windowStartedAt"`;

export interface CountedAttempt extends ThrottleState {
  /** The key was already locked before this attempt: refuse it without checking the password. */
  refused: boolean;
}

/** Counts one sign-in attempt against a key, atomically; see COUNT_ATTEMPT. */
export async function countAttempt(
  db: Db,
  key: string,
  now: Date,
  policy: ThrottlePolicy,
): Promise<CountedAttempt> {
  const rows = (await run(db, COUNT_ATTEMPT, {
    key,
    now: instant(db, now),
    windowStart: instant(db, new Date(now.getTime() - policy.windowMs)),
    lockUntil: instant(db, new Date(now.getTime() + policy.lockMs)),
    max: policy.maxFailures,
  })) as { failures: number | string; lockedUntil: unknown; windowStartedAt: unknown }[];
  const row = rows[0];
  const failures = Number(row.failures);
  return {
    failures,
    windowStartedAt: readInstant(db, row.windowStartedAt)!,
    lockedUntil: readInstant(db, row.lockedUntil),
    refused: failures > policy.maxFailures,
  };
}

/**
 * Gives back an attempt that turned out to be a successful sign-in (an address is charged for
 * failures only). Lifts the lock only when the success itself had reached the limit.
 */
export async function giveBackAttempt(db: Db, key: string, policy: ThrottlePolicy): Promise<void> {
  await run(
    db,
    `UPDATE login_throttle SET failures = failures - 1,
       locked_until = CASE WHEN failures - 1 >= :max THEN locked_until ELSE NULL END
     WHERE "key" = :key AND failures > 0`,
    { key, max: policy.maxFailures },
  );
  // A row back at zero says nothing; an attempt counted meanwhile has made it 1 and keeps it.
  await run(db, `DELETE FROM login_throttle WHERE "key" = :key AND failures <= 0`, { key });
}

/** Removes every row whose window and lock have both passed: it would start afresh anyway. */
export async function pruneThrottles(db: Db, now: Date, windowMs: number): Promise<number> {
  const result = await dataSourceOf(db)
    .createQueryBuilder()
    .delete()
    .from(LoginThrottle)
    .where('window_started_at < :windowStart', {
      windowStart: instant(db, new Date(now.getTime() - windowMs)),
    })
    .andWhere('(locked_until IS NULL OR locked_until <= :now)', { now: instant(db, now) })
    .execute();
  return result.affected ?? 0;
}
