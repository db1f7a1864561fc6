import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsUUID,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { Transform } from 'class-transformer';
import { isIsoDay } from './dates.js';

/** A calendar day 'YYYY-MM-DD' that exists (2026-02-30 is refused); the rule is named isIsoDay. */
export const IsIsoDay = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isIsoDay',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoDay(value),
        defaultMessage: () => '$property must be a date (YYYY-MM-DD)',
      },
    },
    options,
  );

/** An optional list of up to `max` record ids (UUIDs), documented for OpenAPI. */
export const OptionalIdList = (max: number, description?: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], ...(description ? { description } : {}) }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(max),
    IsUUID('all', { each: true }),
  );

/** Trims text input; an all-blank text becomes '' (and then fails IsNotEmpty where required). */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Trims text input; an empty text clears the field (null). */
export const TrimToNull = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => {
    const v = typeof value === 'string' ? value.trim() : value;
    return v === '' ? null : v;
  });
