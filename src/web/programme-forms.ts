import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { CreateEntryDto, CreateProgrammeDto } from '../audit-programme/audit-programme.dto.js';
import { MIN_JUSTIFICATION } from '../audit-programme/programme-rules.js';
import { Optional } from '../common/validators.js';
import { BlankAsAbsent, BlankAsNull, List } from './forms.js';

/** Clause numbers typed in one field: "7.5, 8.5.1" or one a line; blank means none. */
const ClauseList = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(/[\s,;]+/).filter((c) => c !== '') : value,
  );

/** A year typed in a form ("2027"); anything else stays as typed, for the DTO to refuse. */
const Year = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\s*\d{4}\s*$/.test(value) ? Number(value) : value,
  );

export class ProgrammeForm extends CreateProgrammeDto {
  @Year() declare year: number;
  @BlankAsAbsent() declare title?: string;
}

/**
 * The programme page's new-audit form. A conflict of independence of the lead auditor can be
 * allowed with a justification typed in one field (the API takes one per auditor).
 */
export class EntryForm extends CreateEntryDto {
  @ClauseList() declare scopeClauses?: string[];
  @BlankAsNull() declare scopeProcesses?: string | null;
  @List() declare teamIds?: string[];
  @BlankAsAbsent() declare method?: CreateEntryDto['method'];

  @BlankAsAbsent()
  @IsString()
  @MinLength(MIN_JUSTIFICATION)
  @MaxLength(1000)
  @Optional()
  leadJustification?: string;
}

/** The form as the API's new entry: the lead auditor's justification as an exception. */
export function entryFromForm(form: EntryForm): CreateEntryDto {
  const { leadJustification, ...entry } = form;
  return leadJustification
    ? {
        ...entry,
        independenceExceptions: [{ userId: form.leadAuditorId, justification: leadJustification }],
      }
    : entry;
}

export class PostponeForm {
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  postponedReason!: string;
}
