import { CreateDiagnosticDto, RateIndicatorDto } from '../diagnostics/diagnostics.dto.js';
import type { DiagnosticRating } from '../diagnostics/diagnostic-rules.js';
import { BlankAsNull, List, WholeNumber } from './forms.js';

/** A new diagnostic: the year typed as text. */
export class CreateDiagnosticForm extends CreateDiagnosticDto {
  @WholeNumber(4) declare period: number;
}

/**
 * Rating one indicator: "not rated" (the blank choice) and a blank note clear them; the evidence
 * checkboxes are a list, none ticked unlinks all.
 */
export class RateIndicatorForm extends RateIndicatorDto {
  @BlankAsNull() declare rating?: DiagnosticRating | null;
  @BlankAsNull() declare note?: string | null;
  @List() declare evidenceIds?: string[];
}
