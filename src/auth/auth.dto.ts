import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Optional, OptionalNullable } from '../common/validators.js';
import {
  DELIVERY_MODES,
  type DeliveryMode,
  type NotificationKind,
} from '../notifications/notification-types.js';

const mode = (): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ enum: DELIVERY_MODES }), Optional(), IsIn(DELIVERY_MODES));

/** E-mail per notification kind: digest (daily), immediate (only for what cannot wait) or off. */
export class NotificationPreferencesDto implements Partial<Record<NotificationKind, DeliveryMode>> {
  @mode() evidence_rejected?: DeliveryMode;
  @mode() evidence_waiting_review?: DeliveryMode;
  @mode() evidence_expiring?: DeliveryMode;
  @mode() action_assigned?: DeliveryMode;
  @mode() action_due_soon?: DeliveryMode;
  @mode() action_overdue?: DeliveryMode;
  @mode() finding_raised?: DeliveryMode;
  @mode() report_issued?: DeliveryMode;
  @mode() survey_due?: DeliveryMode;
  @mode() document_revision_awaiting_approval?: DeliveryMode;
  @mode() document_review_due?: DeliveryMode;
  @mode() document_review_overdue?: DeliveryMode;
  @mode() audit_planned?: DeliveryMode;
  @mode() review_action_due_soon?: DeliveryMode;
  @mode() review_action_overdue?: DeliveryMode;
  @mode() management_review_due?: DeliveryMode;
  @mode() internal_audit_due?: DeliveryMode;
}

/*
 * class-validator runs a property's rules bottom-up and the pipe stops at the first failure, so the
 * type check sits at the bottom: `{"username": ["a"]}` is "must be text", not "too long".
 */
export class LoginDto {
  @ApiProperty({ example: 'officer.dukcapil' })
  @MaxLength(64)
  @IsNotEmpty()
  @IsString()
  username!: string;

  @ApiProperty({ example: 'mutu-demo-2026' })
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  password!: string;
}

/** What a user may change of their own account: nothing else (a role in the body is refused). */
export class UpdateProfileDto {
  @ApiPropertyOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Optional()
  displayName?: string;

  @ApiPropertyOptional({ description: 'required with newPassword' })
  @IsString()
  @MaxLength(200)
  @Optional()
  currentPassword?: string;

  @ApiPropertyOptional({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  @Optional()
  newPassword?: string;

  @ApiPropertyOptional({ nullable: true, example: 'officer@kupang.example' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  @IsString()
  @OptionalNullable()
  email?: string | null;

  @ApiPropertyOptional({ enum: ['id', 'en'], description: 'language of your e-mails' })
  @IsIn(['id', 'en'])
  @Optional()
  language?: 'id' | 'en';

  @ApiPropertyOptional({ type: NotificationPreferencesDto })
  @ValidateNested()
  @Type(() => NotificationPreferencesDto)
  @Optional()
  notificationPreferences?: NotificationPreferencesDto;
}
