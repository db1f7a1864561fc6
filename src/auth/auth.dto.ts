import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { Optional } from '../common/validators.js';

export class LoginDto {
  @ApiProperty({ example: 'officer.dukcapil' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'mutu-demo-2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
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
