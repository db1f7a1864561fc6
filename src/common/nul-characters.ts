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
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v as Record<string, unknown>)) {
        const field = at ? `${at}.${key}` : key;
        if (key.includes('\u0000')) return field;
        stack.push([item, field]);
      }
    }
  }
  return null;
}

/** Throws a 400 naming the field when the value holds a NUL character. */
export function refuseNulCharacters(value: unknown, path = ''): void {
  const at = nulCharacterAt(value, path);
  if (at !== null) throw new ValidationFailed([{ field: at || 'body', rule: 'noNulCharacter' }]);
}

/** Global pipe: body, query and path parameters never carry a NUL character into the services. */
export class RefuseNulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    refuseNulCharacters(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    return value;
  }
}
