import { createServer } from 'node:net';
import type { TestDatabase } from './test-db.js';

/** A loopback port nobody listens on right now, for a server a test spawns. */
export const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

/** The environment that points a spawned Mutu (server or CLI) at a test database and data folder. */
export const databaseEnv = (db: TestDatabase): Record<string, string> => {
  const c = db.config;
  return {
    DATA_DIR: c.dataDir,
    // Tests move time themselves; a spawned app must not scan and write notifications on its own.
    MUTU_NOTIFY_SCHEDULER: 'false',
    // Nor render the demo surveys' PDFs in the background unless the test database asks for it.
    MUTU_SURVEY_EVIDENCE_BACKFILL: String(c.surveyEvidenceBackfill),
    ...(c.database.engine === 'postgres'
      ? { DATABASE_URL: c.database.url, DATABASE_SCHEMA: c.database.schema ?? '' }
      : {}),
  };
};
