import { checklistChange, ChecklistForm, DecisionForm, CreateReviewForm } from './review-forms.js';
import { entryFromForm, EntryForm, PostponeForm, ProgrammeForm } from './programme-forms.js';
import { validateForm } from './forms.js';

const LEAD = '0b6f3c1e-6f1a-4c55-9a57-1f3f3f7c9d10';
const UNIT = '9d7e6b1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b';

describe('management review forms', () => {
  it.each([
    [
      'one box ticked of two rows, notes aligned, blank note is none',
      {
        codes: ['previous_actions', 'resources'],
        discussed: 'resources',
        notes: [' ', 'SDM cukup'],
      },
      [
        { code: 'previous_actions', discussed: false, note: null },
        { code: 'resources', discussed: true, note: 'SDM cukup' },
      ],
    ],
    [
      'a single row posts strings, not lists',
      { codes: 'improvement', discussed: 'improvement', notes: 'Inovasi layanan' },
      [{ code: 'improvement', discussed: true, note: 'Inovasi layanan' }],
    ],
  ])('%s', (_name, body, inputs) => {
    expect(checklistChange(validateForm(ChecklistForm, body))).toEqual({ inputs });
  });

  it.each([
    ['an unknown input code', { codes: ['weather'], notes: [''] }],
    [
      'a ticked code that is not a 9.3.2 input',
      { codes: ['resources'], discussed: 'x', notes: [''] },
    ],
    ['a 10 001-character note', { codes: ['resources'], notes: ['x'.repeat(10_001)] }],
    ['more rows than inputs', { codes: Array(13).fill('resources'), notes: Array(13).fill('') }],
  ])('refuses %s', (_name, body) => {
    expect(() => validateForm(ChecklistForm, body)).toThrow();
  });

  it('a decision without an action posts blanks: they mean none', () => {
    const form = validateForm(DecisionForm, {
      decision: 'Lanjutkan',
      action: '',
      owner: '',
      dueOn: '',
    });
    expect(form).toMatchObject({ decision: 'Lanjutkan', action: null, owner: null, dueOn: null });
  });

  it('attendees are one a line, blank lines dropped; a blank title is not given', () => {
    const form = validateForm(CreateReviewForm, {
      title: '',
      heldOn: '2026-10-01',
      chair: 'Kepala Badan',
      attendees: 'Sekretaris\r\n\r\n  Kabid Pendapatan  \n',
    });
    expect(form.attendees).toEqual(['Sekretaris', 'Kabid Pendapatan']);
    expect(form.title).toBeUndefined();
  });
});

describe('audit programme forms', () => {
  const entry = {
    unitId: UNIT,
    scopeClauses: '7.5, 8.5.1;9.1.2',
    scopeProcesses: '',
    plannedStartOn: '2026-12-14',
    plannedEndOn: '2026-12-15',
    leadAuditorId: LEAD,
    criteria: 'ISO 9001:2015',
    method: '',
    leadJustification: '',
  };

  it('clauses typed in one field, blanks mean none, no exception without a justification', () => {
    const dto = entryFromForm(validateForm(EntryForm, entry));
    expect(dto).toMatchObject({
      scopeClauses: ['7.5', '8.5.1', '9.1.2'],
      scopeProcesses: null,
      teamIds: [],
    });
    expect(dto.method).toBeUndefined();
    expect(dto).not.toHaveProperty('leadJustification');
    expect(dto.independenceExceptions).toBeUndefined();
  });

  it("a justification becomes the lead auditor's exception", () => {
    const justification = 'Tidak ada auditor lain yang bersertifikat';
    const dto = entryFromForm(
      validateForm(EntryForm, { ...entry, leadJustification: justification }),
    );
    expect(dto.independenceExceptions).toEqual([{ userId: LEAD, justification }]);
  });

  it.each([
    ['a clause that is not one', { ...entry, scopeClauses: '7.5, 99' }],
    ['a justification too short to explain anything', { ...entry, leadJustification: 'tidak ada' }],
    ['a year in words', { year: 'dua ribu' }, ProgrammeForm],
    ['an empty postponement reason', { postponedReason: '' }, PostponeForm],
  ])('refuses %s', (_name, body, form: new () => object = EntryForm) => {
    expect(() => validateForm(form, body)).toThrow();
  });

  it('a year typed as text is a number', () => {
    expect(validateForm(ProgrammeForm, { year: '2027', title: '' })).toEqual(
      expect.objectContaining({ year: 2027 }),
    );
  });
});
