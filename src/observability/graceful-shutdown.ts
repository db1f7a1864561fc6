import { type INestApplication, Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import type { Lifecycle } from './lifecycle.js';

/** Share of the grace period running requests get before they are cut off; the rest is for closing. */
const CUT_OFF_SHARE = 0.8;

const delay = (ms: number): Promise<'timeout'> =>
  new Promise((resolve) => setTimeout(() => resolve('timeout'), Math.max(0, ms)).unref());

/**
 * Drains the server and closes the application, all within graceMs:
 * 1. readiness answers 503 (Lifecycle.beginDrain) and the server stops accepting connections;
 *    idle keep-alive connections are closed as they become idle;
 * 2. running requests (uploads, PDF renders) finish, for up to 80 % of the grace; then the
 *    connections still open are cut (an upload cut off removes its temporary file; no row is written)
 *    and their handlers get the rest of that share to settle;
 * 3. the application closes: the PDF browser (running renders finish), then the database.
 * Resolves true when everything closed in time.
 */
export async function drainAndClose(
  app: INestApplication,
  server: Server,
  lifecycle: Lifecycle,
  graceMs: number,
  signal: string,
): Promise<boolean> {
  const logger = new Logger('Shutdown');
  const deadline = Date.now() + graceMs;
  const cutOffAt = Date.now() + graceMs * CUT_OFF_SHARE;
  lifecycle.beginDrain();
  const { requests } = lifecycle.inFlight();
  logger.log(
    `${signal}: not accepting new connections; ${requests} request(s) in flight get up to ${graceMs / 1000} s`,
  );
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const sweeper = setInterval(() => server.closeIdleConnections(), 200);
  server.closeIdleConnections();
  let inTime = true;
  try {
    if ((await Promise.race([lifecycle.whenIdle(), delay(cutOffAt - Date.now())])) === 'timeout') {
      const left = lifecycle.inFlight();
      logger.warn(
        `Cutting off ${left.requests} request(s) still running after ${Math.round((graceMs * CUT_OFF_SHARE) / 1000)} s`,
      );
      inTime = false;
      server.closeAllConnections();
      await Promise.race([lifecycle.whenIdle(), delay((deadline - Date.now()) / 2)]);
    }
  } finally {
    clearInterval(sweeper);
  }
  server.closeAllConnections();
  await Promise.race([closed, delay(deadline - Date.now())]);
  const result = await Promise.race([
    app.close().then(() => 'closed' as const),
    delay(deadline - Date.now()),
  ]);
  if (result === 'timeout') {
    logger.error(`The application did not close within ${graceMs / 1000} s`);
    return false;
  }
  logger.log('Stopped');
  return inTime;
}

/** On SIGTERM or SIGINT: drain and close (see drainAndClose), then exit 0; a second signal exits 1 at once. */
export function exitGracefullyOnSignals(
  app: INestApplication,
  server: Server,
  lifecycle: Lifecycle,
  graceMs: number,
): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      new Logger('Shutdown').warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    drainAndClose(app, server, lifecycle, graceMs, signal).then(
      () => process.exit(0),
      (error: unknown) => {
        new Logger('Shutdown').error(
          `Shutdown failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
