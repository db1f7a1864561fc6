import { Transform } from 'class-transformer';
import { RecordMeasurementDto } from '../objectives/objectives.dto.js';
import { CreateRiskDto } from '../risks/risks.dto.js';
import { BlankAsAbsent } from './forms.js';

/** A whole number typed in a form ("4"); anything else stays as typed, for the DTO to refuse. */
const WholeNumber = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\s*\d{1,3}\s*$/.test(value) ? Number(value) : value,
  );

/** A decimal typed the Indonesian way ("57,5") or the English way ("57.5"). */
const DecimalNumber = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\s*-?\d{1,7}([.,]\d{1,6})?\s*$/.test(value)
      ? Number(value.trim().replace(',', '.'))
      : value,
  );

/** The register page's new-entry form: numbers come as text, blank selects mean "none". */
export class RiskForm extends CreateRiskDto {
  @WholeNumber() declare likelihood: number;
  @WholeNumber() declare impact: number;
  @BlankAsAbsent() declare treatment?: CreateRiskDto['treatment'];
  @BlankAsAbsent() declare clauseNumber?: string | null;
  @BlankAsAbsent() declare dueOn?: string | null;
  @BlankAsAbsent() @WholeNumber() declare residualLikelihood?: number | null;
  @BlankAsAbsent() @WholeNumber() declare residualImpact?: number | null;
  @BlankAsAbsent() declare reviewedOn?: string;
}

/** The objective page's measurement form. */
export class MeasurementForm extends RecordMeasurementDto {
  @DecimalNumber() declare value: number;
  @BlankAsAbsent() declare note?: string | null;
  @BlankAsAbsent() declare evidenceId?: string | null;
}
