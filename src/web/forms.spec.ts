import { ValidationFailed } from '../common/domain-error.js';
import { FormBodyPipe } from './forms.js';

describe('FormBodyPipe', () => {
  const pipe = new FormBodyPipe();

  it('gives an empty form for a POST without a body', () => {
    expect(pipe.transform(undefined)).toEqual({});
    expect(pipe.transform(null)).toEqual({});
  });

  it('keeps text fields and lists of texts', () => {
    expect(pipe.transform({ name: 'Dinas', unitIds: ['a', 'b'] })).toEqual({
      name: 'Dinas',
      unitIds: ['a', 'b'],
    });
  });

  it.each([
    [{ name: null }, 'name'],
    [{ name: 3 }, 'name'],
    [{ name: { a: '1' } }, 'name'],
    [{ unitIds: ['a', {}] }, 'unitIds'],
    [['a'], 'body'],
    ['text', 'body'],
  ])('refuses %j naming %s', (value, field) => {
    expect(() => pipe.transform(value)).toThrow(ValidationFailed);
    try {
      pipe.transform(value);
    } catch (error) {
      expect((error as ValidationFailed).problems[0].field).toBe(field);
    }
  });

  it('keeps a field called __proto__ as a field, never as the prototype', () => {
    const form = pipe.transform(JSON.parse('{"__proto__":"x","name":"n"}'));
    expect(Object.getPrototypeOf(form)).toBe(Object.prototype);
    expect(Object.keys(form)).toEqual(['__proto__', 'name']);
  });
});
