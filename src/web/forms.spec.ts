import { ValidationFailed } from '../common/domain-error.js';
import { UnitStatusForm, UpdateUnitForm, UpdateUserForm } from './admin-forms.js';
import { CreateCycleForm } from './cycle-forms.js';
import { FormBodyPipe, validateForm } from './forms.js';

const ID = '6f1c2a9e-0b7d-4c3e-9a51-2d8e7f6a1b0c';

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

describe('form classes convert what a browser posts', () => {
  it.each<[string, Record<string, string | string[]>, Partial<UpdateUserForm>]>([
    ['an unticked checkbox (not posted) is false', {}, { active: false, unitIds: [] }],
    ['a ticked checkbox is true', { active: 'yes' }, { active: true }],
    ['a checkbox posted with another value is false', { active: 'on' }, { active: false }],
    ['one ticked unit is a list of one', { unitIds: ID }, { unitIds: [ID] }],
    ['a blank password is not given', { password: '  ' }, { password: undefined }],
    [
      'a typed password is kept as typed',
      { password: ' rahasia-123 ' },
      { password: ' rahasia-123 ' },
    ],
  ])('%s', (_case, posted, expected) => {
    expect(validateForm(UpdateUserForm, posted)).toMatchObject(expected);
  });

  it('a unit form that lost an input reads it as blank: the name is refused, the rest cleared', () => {
    expect(validateForm(UpdateUnitForm, { name: 'Dinas' })).toMatchObject({
      name: 'Dinas',
      shortName: null,
      description: null,
    });
    expect(() => validateForm(UpdateUnitForm, {})).toThrow(ValidationFailed);
  });

  it.each([
    [{ withdrawn: 'yes' }, true],
    [{ withdrawn: 'no' }, false],
  ])('the status buttons: %j', (posted, withdrawn) => {
    expect(validateForm(UnitStatusForm, posted).withdrawn).toBe(withdrawn);
  });

  it.each([
    [{}, 'isDefined'],
    [{ withdrawn: 'maybe' }, 'isBoolean'],
  ])('the status form refuses %j (%s)', (posted, rule) => {
    try {
      validateForm(UnitStatusForm, posted);
      throw new Error('accepted');
    } catch (error) {
      expect((error as ValidationFailed).problems[0]).toMatchObject({ field: 'withdrawn', rule });
    }
  });

  it('a checkbox of the form only (no API field) is a known field', () => {
    const cycle = { type: 'gap_assessment', title: 'Gap assessment', startsOn: '2026-12-01' };
    expect(validateForm(CreateCycleForm, { ...cycle, copyPrevious: 'yes' })).toMatchObject({
      copyPrevious: true,
      assessorIds: [],
    });
    expect(validateForm(CreateCycleForm, cycle).copyPrevious).toBe(false);
    const errors = (() => {
      try {
        validateForm(CreateCycleForm, {});
        return [];
      } catch (error) {
        return (error as ValidationFailed).problems.map((p) => p.field);
      }
    })();
    expect(errors).not.toContain('copyPrevious');
  });

  it('fields the form class does not know are refused, as by the API', () => {
    expect(() => validateForm(UnitStatusForm, { withdrawn: 'yes', role: 'admin' })).toThrow(
      ValidationFailed,
    );
  });
});
