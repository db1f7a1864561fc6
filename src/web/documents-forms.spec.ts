import { ValidationFailed } from '../common/domain-error.js';
import { CreateDocumentForm } from './documents-forms.js';
import { validateForm } from './forms.js';

const posted = { title: 'SOP Penerbitan KTP-el', type: 'procedure', clauses: '8.5.1, 8.2.1' };

/** The problems of a posted form, as "field:rule", or [] when it is valid. */
const problems = (form: Record<string, string>): string[] => {
  try {
    validateForm(CreateDocumentForm, form);
    return [];
  } catch (error) {
    return (error as ValidationFailed).problems.map((p) => `${p.field}:${p.rule}`);
  }
};

describe('the new-document form', () => {
  it('reads the months as a number and the clause list as typed', () => {
    expect(validateForm(CreateDocumentForm, { ...posted, reviewMonths: '12' })).toMatchObject({
      title: 'SOP Penerbitan KTP-el',
      type: 'procedure',
      clauses: ['8.5.1', '8.2.1'],
      reviewMonths: 12,
    });
  });

  it('leaves out a blank number, owner and confidentiality (generated or default)', () => {
    const form = validateForm(CreateDocumentForm, {
      ...posted,
      reviewMonths: '24',
      number: '  ',
      owner: '',
      confidentiality: '',
    });
    expect(form.number).toBeUndefined();
    expect(form.owner).toBeUndefined();
    expect(form.confidentiality).toBeUndefined();
  });

  it('keeps a typed number, owner and confidentiality, trimmed', () => {
    expect(
      validateForm(CreateDocumentForm, {
        ...posted,
        reviewMonths: '6',
        number: ' SOP/DUKCAPIL/007 ',
        owner: ' Kepala Bidang ',
        confidentiality: 'restricted',
      }),
    ).toMatchObject({
      number: 'SOP/DUKCAPIL/007',
      owner: 'Kepala Bidang',
      confidentiality: 'restricted',
    });
  });

  it.each([
    ['blank months', { reviewMonths: '' }, ['reviewMonths:isInt']],
    ['months in words', { reviewMonths: 'dua belas' }, ['reviewMonths:isInt']],
    ['months past five years', { reviewMonths: '61' }, ['reviewMonths:max']],
    ['no clause', { reviewMonths: '12', clauses: ' , ' }, ['clauses:arrayMinSize']],
    [
      'a field the form does not have',
      { reviewMonths: '12', unitId: 'x' },
      ['unitId:whitelistValidation'],
    ],
  ])('refuses %s', (_case, change, expected) => {
    expect(problems({ ...posted, ...change })).toEqual(expected);
  });
});
