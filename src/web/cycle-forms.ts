import { applyDecorators } from '@nestjs/common';
import { Exclude, Expose, Transform } from 'class-transformer';
import { IsString, MaxLength } from 'class-validator';
import { CreateAssessmentDto, UpdateAssessmentDto } from '../assessments/assessments.dto.js';
import { Optional } from '../common/validators.js';
import { BlankAsAbsent, blankToNull, Checkbox, List } from './forms.js';

/**
 * A new cycle of /assessments: the unit is chosen in the form, the team is ticked, and "start from
 * the current cycle's ratings" (ticked) copies the unit's latest cycle; the earlier cycle and the
 * standard are not chosen on the page.
 */
export class CreateCycleForm extends CreateAssessmentDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value : ''))
  @IsString()
  @MaxLength(100)
  @Optional()
  unitId: string = '';

  @Checkbox() copyPrevious?: boolean;

  @BlankAsAbsent() declare endsOn?: string | null;
  @BlankAsAbsent() declare scope?: string | null;
  @List() declare assessorIds?: string[];
  @Exclude() declare previousAssessmentId?: string;
  @Exclude() declare standard?: string;
}

/**
 * A field of the settings' details form: the start button posts the state alone, and then the
 * field is not part of the change. `blank: 'null'`: a blank (or missing) input clears it.
 */
const Details = (blank: 'null' | 'keep' = 'keep'): PropertyDecorator =>
  applyDecorators(
    Expose(),
    Transform(({ value, obj }: { value: unknown; obj: Record<string, unknown> }) =>
      obj.state !== undefined ? undefined : blank === 'null' ? blankToNull(value) : value,
    ),
  );

/** Two forms post to a cycle's settings: the start button (state only) and the details form. */
export class CycleSettingsForm extends UpdateAssessmentDto {
  @Details() declare title?: string;
  @Details('null') declare scope?: string | null;
  @Details('null') declare endsOn?: string | null;
  @List({ unlessPosted: 'state' }) declare assessorIds?: string[];
}
