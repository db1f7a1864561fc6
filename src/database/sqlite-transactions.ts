import type { DataSource } from 'typeorm';

/**
 * TypeORM's better-sqlite3 driver has a single connection: two requests opening transactions at
 * once would nest them ("cannot start a transaction within a transaction"). SQLite allows one
 * writer anyway, so transactions are queued, one after another, for every service at once.
 * PostgreSQL keeps its connection pool and is left alone.
 */
export function serializeSqliteTransactions(dataSource: DataSource): DataSource {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource;
  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  manager.transaction = (...args: unknown[]) => {
    const run = tail.then(() => transaction(...args));
    tail = run.catch(() => undefined);
    return run;
  };
  return dataSource;
}
