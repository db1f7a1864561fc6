import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

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
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ description: 'required with newPassword' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  currentPassword?: string;

  @ApiPropertyOptional({ minLength: 10 })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  newPassword?: string;
}
