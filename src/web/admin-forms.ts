import { Transform } from 'class-transformer';
import { IsBoolean, IsDefined, IsString } from 'class-validator';
import { CreateUserDto, UpdateUserDto } from '../auth/users.dto.js';
import { Optional } from '../common/validators.js';
import { CreateUnitDto, UpdateUnitDto } from '../organisations/units.dto.js';
import { BlankAsAbsent, Checkbox, List, NotPostedAs, YesNo } from './forms.js';

/** The new-user form of /admin/users: the unit checkboxes are a list. */
export class CreateUserForm extends CreateUserDto {
  @List() declare unitIds?: string[];
}

/** A user's form: unticked "active" disables; a blank password keeps the old one. */
export class UpdateUserForm extends UpdateUserDto {
  @Checkbox() declare active?: boolean;
  @BlankAsAbsent() declare password?: string;
  @List() declare unitIds?: string[];
}

/** The new-unit form: the organisation is chosen only when the administrator sees several. */
export class CreateUnitForm extends CreateUnitDto {
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && value.length <= 100 ? value : undefined,
  )
  @IsString()
  @Optional()
  organisationId?: string;
}

/** A unit's form: every input is posted, so a missing one reads as left blank. */
export class UpdateUnitForm extends UpdateUnitDto {
  @NotPostedAs('') declare name?: string;
  @NotPostedAs(null) declare shortName?: string | null;
  @NotPostedAs(null) declare description?: string | null;
}

/** Withdraw (withdrawn=yes) or restore (withdrawn=no) a unit: its own form, with a confirmation. */
export class UnitStatusForm {
  @YesNo() @IsBoolean() @IsDefined() withdrawn!: boolean;
}
