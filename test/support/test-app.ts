import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.js';
import type { MutuConfig } from '../../src/config/configuration.js';
import { createSeededTestDatabase, seedsAsDefault } from './seeded-template.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

export interface TestApp {
  app: NestExpressApplication;
  /** The HTTP server to hand to supertest's request(). */
  server: import('node:http').Server;
  db: DataSource;
  config: MutuConfig;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real application (migrated, seeded; demo data unless MUTU_DEMO=false) on a database of its own:
 * a copy of the run's seeded template when the environment seeds as the default does, else empty.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  database?: TestDatabase,
): Promise<TestApp> {
  const db =
    database ??
    (seedsAsDefault(env) ? await createSeededTestDatabase(env) : await createTestDatabase(env));
  const app = await createApp(db.config, { logger: false });
  return {
    app,
    server: app.getHttpServer(),
    db: app.get<DataSource>(getDataSourceToken()),
    config: db.config,
    database: db,
    close: async () => {
      await app.close();
      if (!database) await db.drop();
    },
  };
}
