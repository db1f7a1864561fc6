import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { MutuConfig } from '../config/configuration.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { usePostgresUtc } from './postgres-utc.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';
import { serializeSqliteTransactions } from './sqlite-transactions.js';

/** TypeORM options for the configured engine: SQLite (better-sqlite3 driver) or PostgreSQL. */
export function dataSourceOptions(config: Pick<MutuConfig, 'database'>): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'mutu_migrations',
    migrationsTransactionMode: 'each' as const,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // Failed queries surface as exceptions, logged once by the exception filter.
    logging: false,
  };
  const db = config.database;
  if (db.engine === 'postgres') {
    usePostgresUtc();
    const options = ['-c TimeZone=UTC'];
    // A schema other than public (tests, side-by-side installs) is chosen by search_path alone,
    // so that generated SQL never names a schema.
    if (db.schema) options.push(`-c search_path=${db.schema}`);
    return {
      ...common,
      type: 'postgres',
      url: db.url,
      // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
      uuidExtension: 'pgcrypto',
      installExtensions: false,
      extra: { options: options.join(' '), max: 10 },
    };
  }
  mkdirSync(dirname(db.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.path,
    // WAL lets readers run beside the writer; the driver also switches foreign keys on.
    enableWAL: true,
    prepareDatabase: (database: { pragma(source: string): unknown }) => {
      database.pragma('busy_timeout = 5000');
      // 32 MB of page cache instead of 2 MB: bulk writes (the notification scan) and large reads
      // of a national data set stay in memory.
      database.pragma('cache_size = -32768');
    },
  };
}

export function createDataSource(config: Pick<MutuConfig, 'database'>): DataSource {
  return serializeSqliteTransactions(new DataSource(dataSourceOptions(config)));
}
