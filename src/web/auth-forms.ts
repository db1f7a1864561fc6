import { Expose, Transform } from 'class-transformer';
import { IsString, MaxLength, ValidateBy } from 'class-validator';
import { UpdateProfileDto } from '../auth/auth.dto.js';
import { Optional } from '../common/validators.js';
import { BlankAsAbsent } from './forms.js';

export class LoginForm {
  @IsString() @MaxLength(64) @Optional() username: string = '';
  @IsString() @MaxLength(200) @Optional() password: string = '';
  @IsString() @MaxLength(500) @Optional() next: string = '/';
}

const blank = (v: unknown): boolean => typeof v !== 'string' || v.trim() === '';

/**
 * Your own name and, when a new password is typed, the new one twice and the current one. Without
 * a new password the current-password input is not part of the change.
 */
export class ProfileForm extends UpdateProfileDto {
  @BlankAsAbsent() declare newPassword?: string;

  @Expose()
  @Transform(({ value, obj }: { value: unknown; obj: Record<string, unknown> }) =>
    blank(obj.newPassword) ? undefined : (value ?? ''),
  )
  declare currentPassword?: string;

  @ValidateBy({
    name: 'passwordsDiffer',
    validator: {
      validate: (value: unknown, args) =>
        (args?.object as ProfileForm).newPassword === undefined ||
        value === (args?.object as ProfileForm).newPassword,
      defaultMessage: () => 'the new password must be typed the same twice',
    },
  })
  newPasswordAgain?: string;
}

/** Only a local path may follow sign-in (no open redirect to another site). */
export const safeNext = (next: unknown): string =>
  typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) && !next.startsWith('/login')
    ? next
    : '/';
