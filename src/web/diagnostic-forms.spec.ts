import { ValidationFailed } from '../common/domain-error.js';
import { CreateDiagnosticForm, RateIndicatorForm } from './diagnostic-forms.js';
import { validateForm } from './forms.js';

const ID = '6f1c2a9e-0b7d-4c3e-9a51-2d8e7f6a1b0c';

/** The problems of a posted form, as "field:rule", or [] when it is valid. */
const problems = (cls: new () => object, form: Record<string, string>): string[] => {
  try {
    validateForm(cls, form);
    return [];
  } catch (error) {
    return (error as ValidationFailed).problems.map((p) => `${p.field}:${p.rule}`);
  }
};

describe('the new-diagnostic form', () => {
  it('reads the year as a number', () => {
    expect(validateForm(CreateDiagnosticForm, { period: '2026' }).period).toBe(2026);
  });

  it.each([
    ['a blank year', ''],
    ['a year of words', 'tahun ini'],
    ['a five-digit year', '20260'],
    ['a year before the first', '1999'],
  ])('refuses %s', (_case, period) => {
    expect(problems(CreateDiagnosticForm, { period }).map((p) => p.split(':')[0])).toEqual([
      'period',
    ]);
  });
});

describe('the indicator rating form', () => {
  it.each<[string, Record<string, string | string[]>, Partial<RateIndicatorForm>]>([
    [
      '"not rated" and a blank note clear them; no evidence ticked unlinks all',
      { rating: '', note: '  ' },
      { rating: null, note: null, evidenceIds: [] },
    ],
    [
      'a rating, a note and one ticked item (a list of one)',
      { rating: 'yellow', note: ' Sebagian ', evidenceIds: ID },
      { rating: 'yellow', note: 'Sebagian', evidenceIds: [ID] },
    ],
  ])('%s', (_case, form, expected) => {
    expect(validateForm(RateIndicatorForm, form)).toMatchObject(expected);
  });

  it('no rating chosen at all (nothing posted) keeps the stored one', () => {
    expect(validateForm(RateIndicatorForm, {}).rating).toBeUndefined();
  });

  it('refuses a colour that is no rating', () => {
    expect(problems(RateIndicatorForm, { rating: 'blue' })).toEqual(['rating:isIn']);
  });
});
