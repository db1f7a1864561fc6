import 'reflect-metadata';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/configuration.js';

try {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  // Evidence uploads over a slow office link can take long: Node's default cuts requests at 5 minutes.
  const server = app.getHttpServer();
  server.requestTimeout = 60 * 60_000;
  await app.listen(config.port);
  console.log(
    `Mutu is listening on http://localhost:${config.port} (database: ${config.database.engine})`,
  );
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
