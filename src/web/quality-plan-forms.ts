import { Transform } from 'class-transformer';
import { WithdrawalDto } from '../common/withdrawal.dto.js';
import {
  CreateObjectiveDto,
  RecordMeasurementDto,
  UpdateObjectiveDto,
} from '../objectives/objectives.dto.js';
import { CreateRiskDto, UpdateRiskDto } from '../risks/risks.dto.js';
import { BlankAsAbsent, BlankAsNull, WholeNumber } from './forms.js';

/** A decimal typed the Indonesian way ("57,5") or the English way ("57.5"). */
const DecimalNumber = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\s*-?\d{1,7}([.,]\d{1,6})?\s*$/.test(value)
      ? Number(value.trim().replace(',', '.'))
      : value,
  );

/** The register page's new-entry form: numbers come as text, blank selects mean "none". */
export class RiskForm extends CreateRiskDto {
  @WholeNumber(3) declare likelihood: number;
  @WholeNumber(3) declare impact: number;
  @BlankAsAbsent() declare treatment?: CreateRiskDto['treatment'];
  @BlankAsAbsent() declare clauseNumber?: string | null;
  @BlankAsAbsent() declare dueOn?: string | null;
  @BlankAsAbsent() @WholeNumber(3) declare residualLikelihood?: number | null;
  @BlankAsAbsent() @WholeNumber(3) declare residualImpact?: number | null;
  @BlankAsAbsent() declare reviewedOn?: string;
}

/** The objective page's measurement form. */
export class MeasurementForm extends RecordMeasurementDto {
  @DecimalNumber() declare value: number;
  @BlankAsAbsent() declare note?: string | null;
  @BlankAsAbsent() declare evidenceId?: string | null;
}

/**
 * The risk page's edit form: every field is posted; a blank optional one clears it (as the API's
 * null does), a blank title or rating is refused; a blank review day keeps the stored one.
 */
export class UpdateRiskForm extends UpdateRiskDto {
  @WholeNumber(3) declare likelihood?: number;
  @WholeNumber(3) declare impact?: number;
  @BlankAsNull() declare treatment?: UpdateRiskDto['treatment'];
  @BlankAsNull() declare clauseNumber?: string | null;
  @BlankAsNull() declare dueOn?: string | null;
  @BlankAsNull() @WholeNumber(3) declare residualLikelihood?: number | null;
  @BlankAsNull() @WholeNumber(3) declare residualImpact?: number | null;
  @BlankAsAbsent() declare reviewedOn?: string;
}

/** The objectives page's new-objective form: numbers typed either way, blanks mean "none". */
export class ObjectiveForm extends CreateObjectiveDto {
  @DecimalNumber() declare target: number;
  @BlankAsAbsent() @DecimalNumber() declare baseline?: number | null;
  @BlankAsAbsent() declare ikuCode?: string | null;
  @BlankAsAbsent() declare firstPeriod?: string;
}

/** The objective page's edit form: a blank baseline or IKU code clears it. */
export class UpdateObjectiveForm extends UpdateObjectiveDto {
  @DecimalNumber() declare target?: number;
  @BlankAsNull() @DecimalNumber() declare baseline?: number | null;
  @BlankAsNull() declare ikuCode?: string | null;
  @BlankAsAbsent() declare firstPeriod?: string;
}

/** Withdrawing a risk or an objective from its page: the reason, as the API asks it. */
export class WithdrawForm extends WithdrawalDto {}
