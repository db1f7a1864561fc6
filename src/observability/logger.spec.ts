import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AllExceptionsFilter } from '../common/all-exceptions.filter.js';
import { requestContextMiddleware } from '../common/request-context.js';
import { MutuLogger } from './logger.js';

function capture(run: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    run();
  } finally {
    out.mockRestore();
  }
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('MutuLogger (json)', () => {
  const logger = new MutuLogger({ format: 'json', logLevels: ['error', 'warn', 'log'] });

  it('writes one line: time, level, context, message, requestId (null outside a request)', () => {
    const [line] = capture(() => logger.log('Gestartet', 'Main'));
    expect(line).toMatchObject({
      level: 'log',
      context: 'Main',
      message: 'Gestartet',
      requestId: null,
    });
    expect(new Date(line.time as string).toISOString()).toBe(line.time);
  });

  it('carries the id of the request being handled, and structured fields at the top level', () => {
    const req = { header: () => 'req-42' } as unknown as Request;
    const res = { setHeader: () => undefined } as unknown as Response;
    const lines = capture(() =>
      requestContextMiddleware(req, res, () => logger.log('GET /x 200', { status: 200 }, 'Access')),
    );
    expect(lines).toEqual([
      expect.objectContaining({ context: 'Access', requestId: 'req-42', status: 200 }),
    ]);
  });

  it('masks passwords, tokens and cookies in logged objects', () => {
    const lines = capture(() =>
      logger.log('signed in', 'Auth', {
        user: 'budi',
        password: 'rahasia-123',
        headers: { cookie: 'mutu_session=abc', authorization: 'Bearer xyz' },
        accessToken: 'tok',
      }),
    );
    const text = JSON.stringify(lines);
    for (const secret of ['rahasia-123', 'mutu_session=abc', 'Bearer xyz', '"tok"'])
      expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ user: 'budi' });
  });
});

describe('the 500 of the exception filter', () => {
  it('is logged as an error line carrying the request id, which the JSON body repeats', () => {
    const logger = new MutuLogger({ format: 'json', logLevels: ['error'] });
    Logger.overrideLogger(logger);
    const lines: string[] = [];
    const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    let sent: unknown;
    const req = {
      method: 'GET',
      path: '/api/units',
      query: {},
      headers: {},
      header: () => 'req-500',
      accepts: () => 'json',
    } as unknown as Request;
    const res = {
      headersSent: false,
      setHeader: () => undefined,
      status: () => res,
      type: () => res,
      json: (body: unknown) => (sent = body),
    } as unknown as Response;
    const host = {
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
    } as unknown as ArgumentsHost;
    try {
      requestContextMiddleware(req, { setHeader: () => undefined } as unknown as Response, () =>
        new AllExceptionsFilter().catch(new Error('SQLITE_BUSY: database is locked'), host),
      );
    } finally {
      err.mockRestore();
      Logger.overrideLogger(new MutuLogger({ format: 'text', logLevels: ['error'] }));
    }
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toEqual([
      expect.objectContaining({ level: 'error', context: 'Errors', requestId: 'req-500' }),
    ]);
    expect(String(logged[0].stack)).toContain('SQLITE_BUSY');
    expect(sent).toMatchObject({ statusCode: 500, code: 'internal', requestId: 'req-500' });
    expect(JSON.stringify(sent)).not.toContain('SQLITE_BUSY');
  });
});
