import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsUUID,
  ValidateBy,
  ValidateIf,
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

/*
 * What `null` means in a request body or query, decided once for every optional field:
 *
 * - `@Optional()`: the field may be left out (nothing changes, or the default applies); `null` is
 *   refused with a 400 naming the field (rule isNotNull). Every field whose column is NOT NULL, or
 *   whose service reads "absent" only as undefined, uses this one.
 * - `@OptionalNullable()`: left out means "no change", `null` means "clear it" (the column is
 *   nullable and the service stores null). Only for such fields.
 *
 * class-validator's own IsOptional treats null as absent and lets it through to the database
 * (PATCH /api/auth/me {"displayName": null} was a 500): the lint rule in eslint.config.js keeps it
 * out of the code, and validators.spec.ts proves every DTO field refuses or accepts null
 * as declared.
 *
 * Place `@Optional()` last (just above the property): with stopAtFirstError the lowest decorator is
 * checked first, so null reads "must not be null" rather than "too long" or "must be text".
 */
const NOT_NULL = 'isNotNull';

/** Refuses null (the rule isNotNull); undefined is left to the other rules. */
const NotNull = (): PropertyDecorator =>
  ValidateBy({
    name: NOT_NULL,
    validator: {
      validate: (value: unknown) => value !== null,
      defaultMessage: () => '$property must not be null',
    },
  });

/** Marks which null semantics a property declared, for the unit test that checks every DTO. */
export const NULL_SEMANTICS = Symbol('mutu:null-semantics');
export type NullSemantics = 'optional' | 'nullable';
const mark =
  (semantics: NullSemantics): PropertyDecorator =>
  (target, key) => {
    const marks = (Reflect.getOwnMetadata(NULL_SEMANTICS, target) ?? {}) as Record<
      string | symbol,
      NullSemantics
    >;
    Reflect.defineMetadata(NULL_SEMANTICS, { ...marks, [key]: semantics }, target);
  };

/** The null semantics each property of a DTO class (and its parents) declared. */
export function nullSemantics(
  type: abstract new (...args: never[]) => object,
): Record<string, NullSemantics> {
  const marks: Record<string, NullSemantics> = {};
  for (
    let proto = type.prototype as object | null;
    proto;
    proto = Object.getPrototypeOf(proto) as object | null
  )
    for (const [key, value] of Object.entries(
      (Reflect.getOwnMetadata(NULL_SEMANTICS, proto) ?? {}) as Record<string, NullSemantics>,
    ))
      marks[key] ??= value;
  return marks;
}

/** May be left out; `null` is refused with a 400 naming the field. */
export const Optional = (): PropertyDecorator =>
  applyDecorators(
    mark('optional'),
    ValidateIf((_object: object, value: unknown) => value !== undefined),
    NotNull(),
  );

/** May be left out (no change) or `null` (clear it): only where the column is nullable. */
export const OptionalNullable = (): PropertyDecorator =>
  applyDecorators(
    mark('nullable'),
    ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null),
  );

/** An optional list of up to `max` record ids (UUIDs), documented for OpenAPI. */
export const OptionalIdList = (max: number, description?: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], ...(description ? { description } : {}) }),
    // Registered first, so checked first: null reads "must not be null".
    Optional(),
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
