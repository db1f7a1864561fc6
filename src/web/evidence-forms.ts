import { ReviewEvidenceDto } from '../evidence/evidence.dto.js';
import { BlankAsAbsent } from './forms.js';

/** The assessor's decision (one button each) and the reason a rejection needs. */
export class ReviewEvidenceForm extends ReviewEvidenceDto {
  @BlankAsAbsent() declare reason?: string | null;
}
