import { DomainError } from '../common/domain-error.js';

/** The route takes multipart/form-data (a form with a file). */
export class MultipartRequired extends DomainError {
  constructor() {
    super(415, 'multipart_required');
  }
}

/** The multipart body is cut short or does not follow the format. */
export class MalformedUpload extends DomainError {
  constructor() {
    super(400, 'upload_malformed');
  }
}

/** More parts or fields than any evidence form has. */
export class TooManyParts extends DomainError {
  constructor() {
    super(400, 'upload_too_many_parts');
  }
}

/** The client went away before the upload was complete (nobody will read this answer). */
export class UploadAborted extends DomainError {
  constructor() {
    super(400, 'upload_aborted');
  }
}

export const formatMegabytes = (bytes: number): string => {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
};

/** The file is over the configured limit (MUTU_UPLOAD_LIMIT_MB); refused while it streams in. */
export class UploadTooLarge extends DomainError {
  constructor(limitBytes: number) {
    super(413, 'file_too_large', { limit: formatMegabytes(limitBytes) });
  }
}

/** The bytes are not one of the allowed types, whatever the file's name or declared type says. */
export class FileTypeRefused extends DomainError {
  constructor() {
    super(415, 'file_type_refused');
  }
}
