import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, MaxLength } from 'class-validator';
import { Optional } from '../common/validators.js';
import {
  CompleteActionDto,
  CreateDecisionDto,
  CreateReviewDto,
  MAX_ATTENDEES,
  MAX_TEXT,
  type UpdateReviewDto,
} from '../management-review/management-review.dto.js';
import { REVIEW_INPUT_CODES, type ReviewInputCode } from '../management-review/review-rules.js';
import { BlankAsAbsent, BlankAsNull, List } from './forms.js';

/** One attendee a line, blank lines dropped. */
const Lines = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter((l) => l !== '')
      : value,
  );

/** The list page's new-review form: attendees typed one a line. */
export class CreateReviewForm extends CreateReviewDto {
  @BlankAsAbsent() declare title?: string;
  @Lines() @ArrayMaxSize(MAX_ATTENDEES) declare attendees?: string[];
}

/**
 * The 9.3.2 checklist as a browser posts it: every row's code (hidden) and note (a textarea, always
 * posted, so aligned with the codes), and the codes whose "discussed" box is ticked.
 */
export class ChecklistForm {
  @List()
  @IsArray()
  @ArrayMaxSize(REVIEW_INPUT_CODES.length)
  @IsIn(REVIEW_INPUT_CODES, { each: true })
  codes!: ReviewInputCode[];

  @List()
  @IsArray()
  @ArrayMaxSize(REVIEW_INPUT_CODES.length)
  @IsIn(REVIEW_INPUT_CODES, { each: true })
  @Optional()
  discussed?: ReviewInputCode[];

  @List()
  @IsArray()
  @ArrayMaxSize(REVIEW_INPUT_CODES.length)
  @IsString({ each: true })
  @MaxLength(MAX_TEXT, { each: true })
  notes!: string[];
}

/** The checklist form as the API's change: each posted row, discussed or not, its note or none. */
export function checklistChange(form: ChecklistForm): UpdateReviewDto {
  const ticked = new Set(form.discussed ?? []);
  return {
    inputs: form.codes.map((code, i) => {
      const note = (form.notes[i] ?? '').trim();
      return { code, discussed: ticked.has(code), note: note === '' ? null : note };
    }),
  };
}

/** A decision, its action, owner and due date left blank when there is no action. */
export class DecisionForm extends CreateDecisionDto {
  @BlankAsNull() declare action?: string | null;
  @BlankAsNull() declare owner?: string | null;
  @BlankAsNull() declare dueOn?: string | null;
}

/** Where marking an action done goes back to: the review's page or the unit's. */
export const ACTION_PAGES = ['review', 'unit'] as const;

/** Marking a decision's action done, from the review page or the unit page's open actions. */
export class CompleteActionForm extends CompleteActionDto {
  @BlankAsNull() declare note?: string | null;

  @IsIn(ACTION_PAGES)
  @Optional()
  back?: (typeof ACTION_PAGES)[number];
}
