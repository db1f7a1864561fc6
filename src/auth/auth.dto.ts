import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { Optional } from '../common/validators.js';

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
}
