import { type INestApplication, Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import type { Lifecycle } from './lifecycle.js';

/** What is kept of the grace for cut-off handlers to settle and the application to close. */
const closingTime = (graceMs: number): number => Math.min(5000, graceMs / 2);

const delay = (ms: number): Promise<'timeout'> =>
  new Promise((resolve) => setTimeout(() => resolve('timeout'), Math.max(0, ms)).unref());

/**
 * Drains the server and closes the application, all within graceMs:
 * 1. readiness answers 503 (Lifecycle.beginDrain) and the server stops accepting connections;
 *    idle keep-alive connections are closed as they become idle;
 * 2. running requests (uploads, PDF renders) finish, until 5 s (half, for a grace under 10 s)
 *    before the end of the grace; then the connections still open are cut (an upload cut off
 *    removes its temporary file; no row is written) and their handlers get time to settle;
 * 3. the application closes: the PDF browser (running renders finish), then the database.
 * Resolves 'drained' when every request finished, 'cut-off' when some had to be cut, 'timeout'
 * when the application did not close within the grace.
 */
export async function drainAndClose(
  app: INestApplication,
  server: Server,
  lifecycle: Lifecycle,
  graceMs: number,
  signal: string,
): Promise<'drained' | 'cut-off' | 'timeout'> {
  const logger = new Logger('Shutdown');
  const deadline = Date.now() + graceMs;
  const cutOffAt = deadline - closingTime(graceMs);
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
        `Cutting off ${left.requests} request(s) still running after ${Math.round((graceMs - closingTime(graceMs)) / 1000)} s`,
      );
      inTime = false;
      server.closeAllConnections();
      const keepForClosing = Math.min(1000, (deadline - Date.now()) / 2);
      await Promise.race([lifecycle.whenIdle(), delay(deadline - Date.now() - keepForClosing)]);
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
    return 'timeout';
  }
  logger.log('Stopped');
  return inTime ? 'drained' : 'cut-off';
}

/**
 * On SIGTERM or SIGINT: drain and close (see drainAndClose), then exit 0 (also when requests had to
 * be cut off: that is the grace doing its job); 1 when closing hung or failed, or on a second signal.
 */
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
      (outcome) => process.exit(outcome === 'timeout' ? 1 : 0),
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
