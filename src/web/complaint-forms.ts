import { PayloadTooLarge, ValidationFailed } from '../common/domain-error.js';
import { ComplaintError } from '../complaints/complaint-errors.js';
import type { ComplaintFileType } from '../complaints/complaint-import.js';
import { COMPLAINT_FIELDS, type ComplaintField } from '../complaints/complaint-mapping.js';
import type { FormUpload } from './complaint-upload.js';

/** The import form as its two steps post it. */
export interface ComplaintImportForm {
  /** The log's source (the key its confirmed mapping is saved under); blank reads "lapor". */
  source: string;
  /** The log: the file of the first step, or the staged copy the mapping step posts back. */
  bytes: Buffer;
  type: ComplaintFileType;
  /** The column chosen per field in the mapping step; null on the first step (a file). */
  mapping: Record<ComplaintField, string> | null;
  /** The mapping step's confirmation: import it (otherwise the log is checked as a dry run). */
  confirm: boolean;
}

const SOURCE = /^[a-z0-9][a-z0-9-]{0,31}$/;
const ZIP = Buffer.from('PK\u0003\u0004', 'latin1');

/** Reads the import form; a bad source, an empty log or one over `limitBytes` is refused. */
export function complaintImportForm(upload: FormUpload, limitBytes: number): ComplaintImportForm {
  const source = upload.fields.source?.trim() || 'lapor';
  if (!SOURCE.test(source)) throw new ValidationFailed([{ field: 'source', rule: 'matches' }]);
  const bytes = upload.file ?? Buffer.from(upload.fields.staged ?? '', 'base64');
  if (bytes.length === 0) throw new ComplaintError('complaint_log_empty');
  if (bytes.length > limitBytes) throw new PayloadTooLarge();
  return {
    source,
    bytes,
    type: bytes.subarray(0, 4).equals(ZIP) ? 'xlsx' : 'csv',
    mapping: upload.file ? null : chosenMapping(upload.fields),
    confirm: !upload.file && upload.fields.confirm === '1',
  };
}

const chosenMapping = (fields: Record<string, string>): Record<ComplaintField, string> =>
  Object.fromEntries(
    COMPLAINT_FIELDS.map((f) => [f, (fields[`map_${f}`] ?? '').slice(0, 100)]),
  ) as Record<ComplaintField, string>;
