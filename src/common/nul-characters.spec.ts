import { ValidationFailed } from './domain-error.js';
import {
  MAX_DEPTH,
  nestsTooDeep,
  nulCharacterAt,
  RefuseNulCharactersPipe,
} from './nul-characters.js';

describe('NUL characters in request values', () => {
  it('finds the field that holds one, however deep', () => {
    expect(nulCharacterAt({ title: 'ok', clauses: ['4.1', 'a\u0000'] })).toBe('clauses.1');
    expect(nulCharacterAt({ a: { b: { c: '\u0000' } } })).toBe('a.b.c');
    expect(nulCharacterAt({ ['k\u0000']: 1 })).toBe('k\u0000');
    expect(nulCharacterAt({ title: 'ok', n: 1, x: null, ok: true })).toBeNull();
  });

  it('walks a value nested far deeper than the call stack allows', () => {
    const deep = JSON.parse('['.repeat(100_000) + '"\\u0000"' + ']'.repeat(100_000)) as unknown;
    expect(nulCharacterAt(deep)).toMatch(/^0(\.0)+$/);
  });

  it('refuses nesting deeper than MAX_DEPTH, as a 400 naming the limit', () => {
    const pipe = new RefuseNulCharactersPipe();
    const nested = (depth: number): unknown =>
      JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
    expect(nestsTooDeep(nested(MAX_DEPTH - 1))).toBe(false);
    expect(nestsTooDeep(nested(MAX_DEPTH + 1))).toBe(true);
    expect(nestsTooDeep(JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)))).toBe(true);
    try {
      pipe.transform(nested(5000), { type: 'body' });
      throw new Error('not refused');
    } catch (error) {
      expect((error as ValidationFailed).problems).toEqual([
        { field: 'body', rule: 'maxDepth', values: [String(MAX_DEPTH)] },
      ]);
    }
  });

  it('refuses a body, query or parameter with one as a 400 naming it', () => {
    const pipe = new RefuseNulCharactersPipe();
    expect(() => pipe.transform({ q: 'a\u0000' }, { type: 'query' })).toThrow(ValidationFailed);
    try {
      pipe.transform('x\u0000', { type: 'param', data: 'id' });
    } catch (error) {
      expect((error as ValidationFailed).problems).toEqual([
        { field: 'id', rule: 'noNulCharacter' },
      ]);
    }
    expect(pipe.transform({ title: 'Kebijakan Mutu' }, { type: 'body' })).toEqual({
      title: 'Kebijakan Mutu',
    });
  });
});
