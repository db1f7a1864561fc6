import Handlebars from 'handlebars';
import { registerTemplateHelpers } from '../common/template-helpers.js';
import { translate } from './i18n.js';

describe('translate', () => {
  it.each([
    [0, '0 corrective actions overdue'],
    [1, '1 corrective action overdue'],
    [2, '2 corrective actions overdue'],
    [23, '23 corrective actions overdue'],
  ])('says %i in the English plural form', (count, text) => {
    expect(translate('en', 'dashboard.overdue', { count })).toBe(text);
  });

  it('uses the one Indonesian text for every count', () => {
    expect(translate('id', 'dashboard.overdue', { count: 1 })).toBe(
      '1 tindakan korektif terlambat',
    );
    expect(translate('id', 'dashboard.overdue', { count: 5 })).toBe(
      '5 tindakan korektif terlambat',
    );
  });

  it('keeps plain keys as they were, with or without a count', () => {
    expect(translate('en', 'finding.overdue')).toBe('Overdue');
    expect(translate('en', 'finding.overdue', { count: 1 })).toBe('Overdue');
  });

  it('falls back to the key when no language has it', () => {
    expect(translate('en', 'no.such.key', { count: 1 })).toBe('no.such.key');
  });
});

describe('plurals in a page', () => {
  it('the dashboard line agrees with its count, as the template passes it', () => {
    const env = Handlebars.create();
    registerTemplateHelpers(env);
    const line = env.compile('{{t "dashboard.overdue" count=overdue}}', { strict: true });
    expect(line({ overdue: 1 }, { data: { lang: 'en' } })).toBe('1 corrective action overdue');
    expect(line({ overdue: 3 }, { data: { lang: 'en' } })).toBe('3 corrective actions overdue');
    expect(line({ overdue: 1 }, { data: { lang: 'id' } })).toBe('1 tindakan korektif terlambat');
  });
});
