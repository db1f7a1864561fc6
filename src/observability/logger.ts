import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { currentRequestId } from '../common/request-context.js';

/** Keys masked wherever they appear in logged objects (structured params, logged objects). */
export const REDACTED_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'token',
  'accessToken',
  'csrfToken',
  '_csrf',
  'authorization',
  'cookie',
  'set-cookie',
];

export interface MutuLoggerOptions {
  format: 'json' | 'text';
  logLevels: LogLevel[];
}

/**
 * Nest's ConsoleLogger; with `format: 'json'` one JSON object per line:
 * `{time, level, context, message, requestId, …params}` (requestId of the HTTP request being handled,
 * null outside one). Structured params (a plain object after the message) become top-level fields.
 */
export class MutuLogger extends ConsoleLogger {
  constructor(options: MutuLoggerOptions) {
    super({
      json: options.format === 'json',
      logLevels: options.logLevels,
      flattenParams: true,
      redact: REDACTED_KEYS,
      colors: options.format === 'json' ? false : undefined,
    });
  }

  protected override getJsonLogObject(
    message: unknown,
    options: Parameters<ConsoleLogger['getJsonLogObject']>[1],
  ): ReturnType<ConsoleLogger['getJsonLogObject']> {
    const { level, context, message: text, ...rest } = super.getJsonLogObject(message, options);
    const requestId =
      typeof options.params?.requestId === 'string' ? options.params.requestId : currentRequestId();
    return {
      time: new Date(rest.timestamp).toISOString(),
      level,
      context: context ?? '',
      message: text,
      requestId,
      ...rest,
    };
  }
}

/** One JSON log line written whatever LOG_LEVEL says (the start-up line an operator always wants). */
export function jsonLine(level: LogLevel, context: string, message: string): string {
  const now = new Date();
  return JSON.stringify({
    time: now.toISOString(),
    level,
    context,
    message,
    requestId: null,
    pid: process.pid,
    timestamp: now.getTime(),
  });
}
