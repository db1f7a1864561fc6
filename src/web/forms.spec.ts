import { ValidationFailed } from '../common/domain-error.js';
import { UnitStatusForm, UpdateUnitForm, UpdateUserForm } from './admin-forms.js';
import { CreateCycleForm } from './cycle-forms.js';
import { FormBodyPipe, validateForm } from './forms.js';
import { ObjectiveForm, UpdateObjectiveForm, UpdateRiskForm } from './quality-plan-forms.js';
import { CompleteActionForm } from './review-forms.js';

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

  /** The problems of a posted form, as "field:rule", or [] when it is valid. */
  const problems = (cls: new () => object, posted: Record<string, string>): string[] => {
    try {
      validateForm(cls, posted);
      return [];
    } catch (error) {
      return (error as ValidationFailed).problems.map((p) => `${p.field}:${p.rule}`);
    }
  };

  it.each<[string, Record<string, string>, Record<string, unknown>]>([
    [
      'ratings typed as text become numbers; blank optional fields clear them',
      { title: 'Antrean', likelihood: '4', impact: ' 2 ', treatment: '', dueOn: '', owner: '' },
      { likelihood: 4, impact: 2, treatment: null, dueOn: null, owner: null },
    ],
    [
      'a blank residual rating clears it, a blank review day keeps the stored one',
      { residualLikelihood: '', residualImpact: '3', reviewedOn: ' ' },
      { residualLikelihood: null, residualImpact: 3, reviewedOn: undefined },
    ],
  ])('risk edit form: %s', (_case, posted, expected) => {
    expect(validateForm(UpdateRiskForm, posted)).toMatchObject(expected);
  });

  it.each<[string, new () => object, Record<string, string>, string[]]>([
    ['a blank risk title', UpdateRiskForm, { title: ' ' }, ['title:isNotEmpty']],
    ['a blank likelihood', UpdateRiskForm, { likelihood: '' }, ['likelihood:isInt']],
    ['a likelihood of words', UpdateRiskForm, { likelihood: 'tinggi' }, ['likelihood:isInt']],
    ['the kind (fixed once added)', UpdateRiskForm, { kind: 'risk' }, ['kind:whitelistValidation']],
    ['a target of words', UpdateObjectiveForm, { target: 'banyak' }, ['target:isNumber']],
    [
      'the frequency (its measurements are keyed by it)',
      UpdateObjectiveForm,
      { frequency: 'monthly' },
      ['frequency:whitelistValidation'],
    ],
    ['a page to go back to that is none', CompleteActionForm, { back: 'home' }, ['back:isIn']],
  ])('refuses %s', (_case, cls, posted, expected) => {
    expect(problems(cls, posted)).toEqual(expected);
  });

  it('objective forms read decimals either way; blanks are "none" on creation, clear on edit', () => {
    const base = {
      statement: 'Waktu tunggu',
      indicator: 'Rata-rata waktu tunggu',
      unitOfMeasure: 'menit',
      direction: 'at_most',
      frequency: 'monthly',
    };
    expect(
      validateForm(ObjectiveForm, {
        ...base,
        target: '57,5',
        baseline: '',
        ikuCode: '',
        firstPeriod: '',
      }),
    ).toMatchObject({
      target: 57.5,
      baseline: undefined,
      ikuCode: undefined,
      firstPeriod: undefined,
    });
    expect(
      validateForm(UpdateObjectiveForm, { target: '1000.25', baseline: ' ', ikuCode: '' }),
    ).toMatchObject({ target: 1000.25, baseline: null, ikuCode: null });
  });

  it('marking done: a blank note is none', () => {
    expect(validateForm(CompleteActionForm, { note: '  ', back: 'unit' })).toMatchObject({
      note: null,
      back: 'unit',
    });
  });
});
