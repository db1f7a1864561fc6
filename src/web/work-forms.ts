import { Exclude, Expose, Transform } from 'class-transformer';
import { RateClauseDto } from '../assessments/assessments.dto.js';
import type { Rating } from '../assessments/assessment-types.js';
import { CorrectiveActionDto, RecordFindingDto, TransitionDto } from '../findings/findings.dto.js';
import { BlankAsAbsent } from './forms.js';

/** A clause's rating row: "does not apply" is a box posting applicable=no; its rating is then moot. */
export class RateClauseForm extends RateClauseDto {
  @Expose()
  @Transform(({ value }: { value: unknown }) => value !== 'no')
  declare applicable: boolean;

  @Transform(({ value, obj }: { value: unknown; obj: Record<string, unknown> }) =>
    obj.applicable === 'no' ? undefined : value,
  )
  declare rating?: Rating | null;

  @BlankAsAbsent() declare note?: string | null;
  @BlankAsAbsent() declare justification?: string | null;
}

/** A finding recorded in the workspace; evidence links are made on the API only. */
export class RecordFindingForm extends RecordFindingDto {
  @BlankAsAbsent() declare objectiveEvidence?: string | null;
  @Exclude() declare evidenceIds?: string[];
}

/** The corrective action form: a blank due date keeps the current one. */
export class CorrectiveActionForm extends CorrectiveActionDto {
  @BlankAsAbsent() declare dueOn?: string;
}

/** A step of the finding's life cycle (one button per allowed step) with an optional note. */
export class TransitionForm extends TransitionDto {
  @BlankAsAbsent() declare note?: string | null;
}
