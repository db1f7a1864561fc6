import { BadRequestException, NotFoundException } from '@nestjs/common';
import { toErrorBody } from './all-exceptions.filter.js';
import { NotFound, ValidationFailed } from './domain-error.js';

describe('toErrorBody', () => {
  it('translates domain errors into the caller language', () => {
    expect(toErrorBody(new NotFound('unit', 'x'), 'id', '/api/units/x')).toEqual({
      statusCode: 404,
      error: 'NOT_FOUND',
      code: 'not_found',
      message: 'Unit kerja tidak ditemukan.',
    });
    expect(toErrorBody(new NotFound('unit', 'x'), 'en', '/api/units/x').message).toBe(
      'Unit not found.',
    );
  });

  it('names each bad field with a translated reason', () => {
    const body = toErrorBody(
      new ValidationFailed([
        { field: 'rating', rule: 'isIn', values: ['met', 'not_met'] },
        { field: 'role', rule: 'whitelistValidation' },
      ]),
      'en',
      '/',
    );
    expect(body).toMatchObject({
      statusCode: 400,
      message: 'The data sent is not valid: rating, role.',
      details: [
        { field: 'rating', message: 'must be one of: met, not_met' },
        { field: 'role', message: 'is not a known field' },
      ],
    });
  });

  it('maps framework HTTP errors without their internal text', () => {
    expect(toErrorBody(new NotFoundException('Cannot GET /x'), 'en', '/x').message).toBe(
      'No page or API at /x.',
    );
    expect(
      toErrorBody(new BadRequestException('Unexpected token } in JSON at position 7'), 'id', '/')
        .message,
    ).toBe('Permintaan tidak valid.');
  });

  it('never leaks the message or stack of an unexpected error', () => {
    const body = toErrorBody(new Error('SQLITE_CORRUPT: /srv/data/mutu.sqlite'), 'id', '/');
    expect(body).toEqual({
      statusCode: 500,
      error: 'INTERNAL_SERVER_ERROR',
      code: 'internal',
      message: expect.stringContaining('kesalahan pada server'),
    });
    expect(JSON.stringify(body)).not.toContain('SQLITE');
  });
});
