import { PayloadTooLarge, ValidationFailed } from '../common/domain-error.js';
import { ComplaintError } from '../complaints/complaint-errors.js';
import { COMPLAINT_FIELDS } from '../complaints/complaint-mapping.js';
import { complaintImportForm } from './complaint-forms.js';

const LOG = Buffer.from('Nomor Tiket,Kanal\nLPR-1,SP4N-LAPOR!\n');
const LIMIT = 1024;

describe('the complaint import form', () => {
  it('first step: the file, a blank source reads "lapor", a dry run without a mapping', () => {
    expect(complaintImportForm({ fields: { source: '  ' }, file: LOG }, LIMIT)).toEqual({
      source: 'lapor',
      bytes: LOG,
      type: 'csv',
      mapping: null,
      confirm: false,
    });
  });

  it('a workbook (zip) is read as xlsx', () => {
    const xlsx = Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(8)]);
    expect(complaintImportForm({ fields: {}, file: xlsx }, LIMIT).type).toBe('xlsx');
  });

  it('mapping step: the staged log back from base64, the chosen columns, the confirmation', () => {
    const form = complaintImportForm(
      {
        fields: {
          source: 'wa-dinas',
          staged: LOG.toString('base64'),
          map_trackingId: 'Nomor Tiket',
          map_channel: 'Kanal',
          confirm: '1',
        },
        file: null,
      },
      LIMIT,
    );
    expect(form.bytes.equals(LOG)).toBe(true);
    expect(form).toMatchObject({ source: 'wa-dinas', confirm: true });
    expect(form.mapping).toMatchObject({ trackingId: 'Nomor Tiket', channel: 'Kanal' });
    // every field is named: a select left on "none" is a blank column
    expect(Object.keys(form.mapping ?? {})).toEqual([...COMPLAINT_FIELDS]);
    expect(form.mapping?.category).toBe('');
  });

  it('a file posted with confirm=1 is still a first step (a dry run)', () => {
    expect(complaintImportForm({ fields: { confirm: '1' }, file: LOG }, LIMIT).confirm).toBe(false);
  });

  it.each([
    ['a source that is no key', { fields: { source: 'Lapor!' }, file: LOG }, ValidationFailed],
    ['no log at all', { fields: {}, file: null }, ComplaintError],
    [
      'a staged log over the limit',
      { fields: { staged: Buffer.alloc(LIMIT + 1).toString('base64') }, file: null },
      PayloadTooLarge,
    ],
  ])('refuses %s', (_case, upload, refusal) => {
    expect(() => complaintImportForm(upload, LIMIT)).toThrow(refusal);
  });
});
