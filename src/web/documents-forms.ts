import type { Confidentiality } from '../documents/document-types.js';
import { CreateDocumentDto } from '../documents/documents.dto.js';
import { BlankAsAbsent, WholeNumber } from './forms.js';

/**
 * The master list's new-document form: a blank number is generated from the unit's pattern, a
 * blank owner or confidentiality is left out (the default applies), the months come as text.
 */
export class CreateDocumentForm extends CreateDocumentDto {
  @BlankAsAbsent() declare number?: string;
  @WholeNumber(3) declare reviewMonths: number;
  @BlankAsAbsent() declare owner?: string | null;
  @BlankAsAbsent() declare confidentiality?: Confidentiality;
}
