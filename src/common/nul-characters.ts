import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { ValidationFailed } from './domain-error.js';

/**
 * Where a request value holds a NUL character (U+0000), as a field path ('' for the value itself),
 * or null when it holds none. PostgreSQL cannot store NUL in text, so such a value must be refused
 * before it reaches a query. Walks without recursion: a body nested thousands deep is fine.
 */
export function nulCharacterAt(value: unknown, path = ''): string | null {
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length > 0) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return at;
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, at ? `${at}.${i}` : String(i)]));
    } else if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v)) {
      for (const [key, item] of Object.entries(v as Record<string, unknown>)) {
        const field = at ? `${at}.${key}` : key;
        if (key.includes('\u0000')) return field;
        stack.push([item, field]);
      }
    }
  }
  return null;
}

/** No request value of Mutu nests deeper than this (a body is an object of fields, lists of ids). */
export const MAX_DEPTH = 32;

/**
 * Whether a value nests objects and lists deeper than MAX_DEPTH. class-transformer and
 * class-validator recurse into whatever they are given: a body nested thousands deep overflowed
 * the stack (500) before any rule could refuse it.
 */
export function nestsTooDeep(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) continue;
    if (depth >= MAX_DEPTH) return true;
    for (const item of Object.values(v as Record<string, unknown>)) stack.push([item, depth + 1]);
  }
  return false;
}

/** Throws a 400 naming the field when the value holds a NUL character or nests too deep. */
export function refuseNulCharacters(value: unknown, path = ''): void {
  if (nestsTooDeep(value))
    throw new ValidationFailed([
      { field: path || 'body', rule: 'maxDepth', values: [String(MAX_DEPTH)] },
    ]);
  const at = nulCharacterAt(value, path);
  if (at !== null) throw new ValidationFailed([{ field: at || 'body', rule: 'noNulCharacter' }]);
}

/**
 * Global pipe: body, query and path parameters never carry a NUL character, nor nesting deeper than
 * MAX_DEPTH, into class-transformer, class-validator and the services.
 */
export class RefuseNulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    refuseNulCharacters(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    return value;
  }
}
