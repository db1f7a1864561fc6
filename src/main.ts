import 'reflect-metadata';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/configuration.js';
import { exitGracefullyOnSignals } from './observability/graceful-shutdown.js';
import { Lifecycle } from './observability/lifecycle.js';
import { jsonLine } from './observability/logger.js';

try {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  // Evidence uploads over a slow office link can take long: Node's default cuts requests at 5 minutes.
  // Shutdown does not wait for that: it cuts what still runs near the end of MUTU_SHUTDOWN_GRACE_S.
  const server = app.getHttpServer();
  server.requestTimeout = 60 * 60_000;
  exitGracefullyOnSignals(app, server, app.get(Lifecycle), config.shutdownGraceMs);
  await app.listen(config.port);
  const started = `Mutu is listening on http://localhost:${config.port} (database: ${config.database.engine})`;
  console.log(config.logFormat === 'json' ? jsonLine('log', 'Main', started) : started);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`mutu: ${error.message}`);
  } else {
    console.error(
      `mutu: could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  process.exit(1);
}
